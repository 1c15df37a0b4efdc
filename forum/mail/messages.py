"""The e-mails Parley sends, as EmailMessage objects: plain text, with RFC 2369/8058 unsubscribe headers."""
import re
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr


# RFC 5322's hard line limit: a shorter one makes the email package fold List-Unsubscribe's long URL
# into RFC 2047 encoded words, which mail clients do not decode in that header.
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)
HEADER_MAX_CHARS = 200  # a subject longer than this is cut: titles and names are the only variable parts
_BLOCKS = ("p", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr")


def _one_line(text: str, limit: int = HEADER_MAX_CHARS) -> str:
    """Header text: no line breaks (no header injection), collapsed spaces, a bounded length."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain_text(fragment: str) -> str:
    """Readable plain text from a sanitized HTML fragment (markup.py's output): blocks become paragraphs,
    list items get a dash, links keep their address."""
    if not (fragment or "").strip():
        return ""
    from lxml import html as lxml_html  # here: lxml costs each web worker 4 MB, and only mail needs it (issue 15)

    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for link in root.iter("a"):
        href = link.get("href") or ""
        if href and href != link.text_content().strip():
            link.tail = f" <{href}>" + (link.tail or "")
    for item in root.iter("li"):
        item.text = "- " + (item.text or "")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _message(sender: str, to_name: str, to_address: str, subject: str, body: str, unsubscribe_url: str,
             list_id: str) -> EmailMessage:
    message = EmailMessage(policy=MAIL_POLICY)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message["Subject"] = _one_line(subject)
    message["From"] = sender
    message["To"] = Address(display_name=_one_line(to_name, 60), addr_spec=to_address)
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    message["Message-ID"] = make_msgid(domain=domain)  # with a domain: make_msgid would otherwise ask DNS
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation responders stay quiet
    message["List-Id"] = f"<{list_id}.{domain}>"
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    message.set_content(body, cte="quoted-printable")
    return message


def reply_notice(*, sender: str, site_name: str, to_name: str, to_address: str, replier: str,
                 article_title: str, reply_html: str, permalink: str, unsubscribe_url: str) -> EmailMessage:
    """"Someone replied to you": the reply as plain text, the article, and a link to the reply."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in plain_text(reply_html).splitlines())
    body = (
        f"{replier} replied to your comment on \u201c{article_title}\u201d:\n\n"
        f"{quoted}\n\n"
        f"Read it and answer: {permalink}\n\n"
        f"-- \n"
        f"You get this because you asked {site_name} to e-mail you when someone replies to you.\n"
        f"Stop these e-mails with one click: {unsubscribe_url}\n"
    )
    return _message(sender, to_name, to_address, f"{replier} replied to you on \u201c{article_title}\u201d",
                    body, unsubscribe_url, "replies")


def digest(*, sender: str, site_name: str, to_name: str, to_address: str, sizes: list[tuple[str, str]],
           queue_url: str, unsubscribe_url: str) -> EmailMessage:
    """The moderators' daily digest: each queue's size (already formatted, e.g. "1,000+"), and a link."""
    width = max(len(label) for label, _ in sizes)
    lines = "\n".join(f"  {label + ':':<{width + 1}} {size}" for label, size in sizes)
    waiting = next((size for label, size in sizes if label == "Pending"), "0")
    body = (
        f"Today's moderation queues on {site_name}:\n\n{lines}\n\n"
        f"Open the queues: {queue_url}\n\n"
        f"-- \n"
        f"You get this because you asked {site_name} for a daily digest of the moderation queues.\n"
        f"Stop these e-mails with one click: {unsubscribe_url}\n"
    )
    return _message(sender, to_name, to_address, f"{site_name} moderation: {waiting} pending",
                    body, unsubscribe_url, "digest")
