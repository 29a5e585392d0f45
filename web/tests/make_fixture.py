"""Makes the shares the browser tests recover, with the SLIP-39 reference implementation
(shamir-mnemonic): a two-level set (2 of 3 groups, iteration exponent 1, a passphrase) and a
share of another set, a 1-of-1 share (nothing but the person confirms words worked out in it),
a share each of 17 sets, and a BIP-39 phrase (with its entropy) to back up in the page, written as
JSON to standard output."""
import json
import os

import shamir_mnemonic
from mnemonic import Mnemonic

secret = os.urandom(16)
passphrase = "correct horse"
groups = shamir_mnemonic.generate_mnemonics(
    2, [(2, 3), (3, 5), (1, 1)], secret, passphrase.encode(), extendable=True, iteration_exponent=1
)
other = shamir_mnemonic.generate_mnemonics(1, [(2, 3)], os.urandom(16), b"", iteration_exponent=1)
single_secret = os.urandom(16)
single = shamir_mnemonic.generate_mnemonics(1, [(1, 1)], single_secret, b"", iteration_exponent=1)
# One share each of 17 sets (one set past the limit of one recovery).
sets = [shamir_mnemonic.generate_mnemonics(1, [(1, 1)], os.urandom(16), b"", iteration_exponent=0)[0][0]
        for _ in range(17)]
entropy = os.urandom(16)
print(json.dumps({
    "single": single[0][0],
    "single_secret_hex": single_secret.hex(),
    "bip39_phrase": Mnemonic("english").to_mnemonic(entropy),
    "bip39_entropy_hex": entropy.hex(),
    "secret_hex": secret.hex(),
    "passphrase": passphrase,
    "groups": groups,
    "stray": other[0][0],
    "sets": sets,
}))
