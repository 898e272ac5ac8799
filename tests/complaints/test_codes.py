import itertools
import re

from cms.complaints.codes import ALPHABET, tracking_code_new, tracking_code_normalize

CODE = re.compile(r"^KCM-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}$")


def test_new_codes_are_readable_and_distinct():
    codes = {tracking_code_new() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(CODE.match(code) for code in codes)
    for look_alike in "0O1IL2Z5S8BUV":
        assert look_alike not in ALPHABET


def test_code_is_found_however_it_is_typed():
    code = tracking_code_new()
    body = code.replace("KCM-", "").replace("-", "")
    for typed in (code, code.lower(), f" {body} ", f"kcm {body[:4]} {body[4:]}", body.lower()):
        assert tracking_code_normalize(typed) == code


def test_every_single_typo_and_neighbour_swap_is_caught():
    code = tracking_code_new()
    body = code.replace("KCM-", "").replace("-", "")
    for position, char in itertools.product(range(len(body)), ALPHABET):
        if body[position] != char:
            typo = body[:position] + char + body[position + 1 :]
            assert tracking_code_normalize(typo) is None, typo
    for position in range(len(body) - 1):
        a, b = body[position], body[position + 1]
        if a != b:
            swapped = body[:position] + b + a + body[position + 2 :]
            assert tracking_code_normalize(swapped) is None, swapped


def test_garbage_is_not_a_code():
    for raw in ("", "KCM", "KCM-0000-0000", "x" * 500, "KCM-7QX4-9PA\x00", "<script>"):
        assert tracking_code_normalize(raw) is None
