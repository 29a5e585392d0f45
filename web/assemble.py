#!/usr/bin/env python3
"""Assembles seedshard.html: the page template, its style and script, the wasm-bindgen glue and
the WebAssembly module (gzip, then base64: the page decompresses it with the browser's
DecompressionStream) in one file, under a Content-Security-Policy that allows only
these inline scripts and style (by hash) and the compiling of the inlined module.

usage: assemble.py PAGE_DIR GLUE_JS WASM OUT
"""
import base64
import gzip
import hashlib
import sys


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def main():
    page_dir, glue_path, wasm_path, out_path = sys.argv[1:]
    with open(f"{page_dir}/index.html", encoding="utf-8") as f:
        html = f.read()
    with open(f"{page_dir}/style.css", encoding="utf-8") as f:
        style = f.read()
    with open(f"{page_dir}/app.js", encoding="utf-8") as f:
        app = f.read()
    with open(glue_path, encoding="utf-8") as f:
        glue = f.read()
    with open(wasm_path, "rb") as f:
        # Level 9, no time or name in the header: the same module gives the same bytes.
        wasm = base64.b64encode(gzip.compress(f.read(), compresslevel=9, mtime=0)).decode()
    for text in (style, app, glue):
        if "</script" in text.lower() or "</style" in text.lower():
            sys.exit("an inlined file closes its own element")
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {sha256(glue)} {sha256(app)} 'wasm-unsafe-eval'",
        f"style-src {sha256(style)}",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    for key, value in (("@CSP@", csp), ("@STYLE@", style), ("@WASM_BASE64@", wasm),
                       ("@WASM_GLUE@", glue), ("@APP@", app)):
        if html.count(key) != 1:
            sys.exit(f"the template must hold {key} once")
        html = html.replace(key, value)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(html)


if __name__ == "__main__":
    main()
