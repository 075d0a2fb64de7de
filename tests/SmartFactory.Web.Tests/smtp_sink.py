"""An SMTP handler for aiosmtpd that keeps each delivered message as a file, for the mail tests:

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink FOLDER

Each message is written as FOLDER/<n>.eml (the envelope recipients in an X-Envelope-To header first), through a
temporary name, so that a reader never sees half a message.
"""
import os
import uuid


class Sink:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink takes the folder to write messages to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(("X-Envelope-To: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode("ascii"))
            content = envelope.original_content or envelope.content
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        os.rename(temporary, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"
