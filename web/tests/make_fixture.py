"""Makes the shares the browser tests recover, with the SLIP-39 reference implementation
(shamir-mnemonic): a two-level set (2 of 3 groups, iteration exponent 1, a passphrase) and a
share of another set, written as JSON to standard output."""
import json
import os

import shamir_mnemonic

secret = os.urandom(16)
passphrase = "correct horse"
groups = shamir_mnemonic.generate_mnemonics(
    2, [(2, 3), (3, 5), (1, 1)], secret, passphrase.encode(), extendable=True, iteration_exponent=1
)
other = shamir_mnemonic.generate_mnemonics(1, [(2, 3)], os.urandom(16), b"", iteration_exponent=1)
print(json.dumps({
    "secret_hex": secret.hex(),
    "passphrase": passphrase,
    "groups": groups,
    "stray": other[0][0],
}))
