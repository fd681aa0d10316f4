# A real SMTP server for the inbox's TLS tests (tests/notify.rs), on
# Debian's python3-aiosmtpd: STARTTLS required, and AUTH (PLAIN/LOGIN, only
# after STARTTLS) required for the one user and password given; mail goes
# to a Maildir. The aiosmtpd command line has no AUTH options, hence this.
# Usage: smtp_tls_server.py PORT CERT KEY MAILDIR USER PASSWORD
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult

port, cert, key, maildir, user, password = sys.argv[1:7]


def authenticate(server, session, envelope, mechanism, data):
    ok = data.login == user.encode() and data.password == password.encode()
    return AuthResult(success=ok, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(
    Mailbox(maildir),
    hostname="127.0.0.1",
    port=int(port),
    tls_context=context,
    require_starttls=True,
    authenticator=authenticate,
    auth_required=True,
    auth_require_tls=True,
)
controller.start()
signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()
