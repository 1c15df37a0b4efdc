"""Story addresses and embed origins: what counts as the same story, and what an admin may list."""
import pytest

from forum.embedding import BadURL, allowed_origins, normalise_url, origin_of, parse_origins, title_from_url


@pytest.mark.parametrize("given", [
    "https://news.example.org/a/story?id=3",
    "HTTPS://News.Example.ORG/a/story?id=3",
    "https://news.example.org:443/a/story?id=3#comments",
    "https://news.example.org/a/story?utm_source=x&id=3&utm_medium=y&fbclid=z&gclid=q",
    "  https://news.example.org/a/story?id=3\n",
])
def test_equivalent_addresses_are_one_story(given):
    assert normalise_url(given) == "https://news.example.org/a/story?id=3"


def test_what_tells_stories_apart_is_kept():
    assert normalise_url("https://x.org/Story") != normalise_url("https://x.org/story")  # paths are case-sensitive
    assert normalise_url("https://x.org/s?page=2") != normalise_url("https://x.org/s?page=3")
    assert normalise_url("http://x.org/s") != normalise_url("https://x.org/s")
    assert normalise_url("https://x.org:8443/s") == "https://x.org:8443/s"
    assert normalise_url("https://x.org") == "https://x.org/"


def test_non_ascii_addresses_have_one_spelling():
    assert normalise_url("https://BÜCHER.example/café") == normalise_url("https://xn--bcher-kva.example/caf%C3%A9")


@pytest.mark.parametrize("bad", [
    "", "news.example.org/story", "javascript:alert(1)", "data:text/html,hi", "ftp://x.org/f",
    "https://user:secret@x.org/", "https://x.org:99999/", "https:///nohost", "https://x.org/\\evil",
    "https://" + "a" * 1000 + ".org/", "http://[::1", "https://[nothost]/",
])
def test_anything_but_a_web_address_is_refused(bad):
    with pytest.raises(BadURL):
        normalise_url(bad)


def test_origins_as_admins_type_them():
    assert parse_origins("HTTPS://News.Example.org/\n\n  http://localhost:8000 \nhttps://news.example.org") == [
        "https://news.example.org", "http://localhost:8000",
    ]
    assert origin_of(normalise_url("http://[::1]:8000/x")) == "http://[::1]:8000"
    for bad in ("https://x.org/path", "x.org", "https://x.org?a=1", "https://x y.org", "https://x.org;script-src *"):
        with pytest.raises(BadURL):
            parse_origins(bad)


def test_a_stored_line_that_no_longer_parses_is_skipped_not_fatal():
    assert allowed_origins("https://ok.example\nnot an origin\n") == ["https://ok.example"]


def test_a_story_without_a_title_is_named_after_its_address():
    assert title_from_url("https://x.org/2026/bike-lanes/", 200) == "x.org/2026/bike-lanes"
