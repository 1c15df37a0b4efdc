"""What makes a password acceptable: length, the common-password list, not the name or address."""
import pytest
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from forum.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problems

GOOD_PASSWORD = "violet lanterns hum softly"
COMMON_LONG_PASSWORDS = ["password1234", "qwertyuiop", "1234567890"]


def test_a_good_password_has_no_problems():
    assert password_problems(GOOD_PASSWORD, "ada", "ada@example.org") == []


def test_the_limits_are_what_the_issue_asks():
    assert MIN_PASSWORD_LENGTH == 10
    assert MAX_PASSWORD_LENGTH >= 64  # long passphrases must fit


@pytest.mark.parametrize("length, acceptable", [
    (MIN_PASSWORD_LENGTH - 1, False),
    (MIN_PASSWORD_LENGTH, True),
    (MAX_PASSWORD_LENGTH, True),
    (MAX_PASSWORD_LENGTH + 1, False),
])
def test_length_limits(length, acceptable):
    password = ("violetlanterns" * 30)[:length]
    assert (password_problems(password) == []) is acceptable


def test_too_short_says_how_long():
    assert password_problems("v1olet!") == [f"Use at least {MIN_PASSWORD_LENGTH} characters."]


@pytest.mark.parametrize("password", COMMON_LONG_PASSWORDS)
def test_common_passwords_are_refused(password):
    assert password in FREQUENCY_LISTS["passwords"]  # the premise: zxcvbn lists it
    problems = password_problems(password)
    assert len(problems) == 1
    assert "most common passwords" in problems[0]


def test_common_password_check_ignores_case():
    assert "most common passwords" in " ".join(password_problems("QwertyUiop"))


def test_a_short_common_password_gets_both_messages():
    problems = password_problems("password")
    assert any("at least" in p for p in problems)
    assert any("most common" in p for p in problems)


def test_password_equal_to_username_is_refused():
    assert password_problems("Grace_Hopper1", username="grace_hopper1") == [
        "Your password must not be your username."
    ]


@pytest.mark.parametrize("password, email", [
    ("grace@example.org", "grace@example.org"),
    ("GRACE.HOPPER", "grace.hopper@example.org"),
])
def test_password_equal_to_email_or_its_local_part_is_refused(password, email):
    assert password_problems(password, username="grace", email=email) == [
        "Your password must not be your e-mail address."
    ]


def test_the_common_passwords_are_read_without_importing_zxcvbn():
    """zxcvbn's package builds ranked dictionaries of all its word lists on import: 12 MB a web worker
    would keep after one sign-up. Only its passwords are read, from its file of lists."""
    import subprocess
    import sys

    code = ("import sys; from forum.passwords import password_problems; "
            "print(bool(password_problems('qwertyuiop')), 'zxcvbn' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False"]
