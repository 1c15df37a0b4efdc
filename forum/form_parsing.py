"""Form bodies refused by their number of fields before they are parsed.

Werkzeug caps the parts of a multipart body (max_form_parts) but parses an urlencoded body whole, however
many fields it has: 200,000 one-letter fields (800 KB, well under MAX_CONTENT_LENGTH) cost a worker about a
second before any check could run (outside test, finding 3). No Parley form has more than a few dozen
fields, and the moderators' bulk form one per comment on a queue page, so the multipart cap serves here too.
"""
import io

from flask import Request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser

TOO_MANY_FIELDS = "The form had too many fields. No form on this site has that many."


class FieldCountingParser(FormDataParser):
    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        # The stream is already cut at MAX_CONTENT_LENGTH; counting one byte is far cheaper than splitting.
        body = stream.read()
        if self.max_form_parts is not None and body.count(b"&") >= self.max_form_parts:
            raise RequestEntityTooLarge(TOO_MANY_FIELDS)
        return super()._parse_urlencoded(io.BytesIO(body), mimetype, content_length, options)


class ParleyRequest(Request):
    form_data_parser_class = FieldCountingParser
