import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the test SMTP server took it: envelope recipients, headers, decoded text. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  text: string;
}

/** Undoes quoted-printable (soft line breaks, =XX), which nodemailer uses for long lines. */
function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Enough of RFC 5322 for these tests: unfolded headers, and a single-part text body. */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const body = raw.slice(split + 4);
  const quoted = /quoted-printable/i.test(header('Content-Transfer-Encoding'));
  return {
    to,
    subject: header('Subject'),
    messageId: header('Message-ID'),
    text: quoted ? decodeQuotedPrintable(body) : body,
  };
}

/**
 * A real SMTP server on an ephemeral port of 127.0.0.1, keeping every message in memory (no
 * authentication, no TLS: it only ever listens locally, for one spec file). `refuse` messages are
 * first answered with a temporary failure (451), as a server in trouble would, and not kept.
 */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  refused = 0;

  constructor(private refuse = 0) {}

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (this.refuse > 0) {
          this.refuse -= 1;
          this.refused += 1;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        const to = session.envelope.rcptTo.map((r) => r.address);
        this.mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
        callback();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address));
  }
}
