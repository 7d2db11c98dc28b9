import { JwtService } from '@nestjs/jwt';
import { Actor } from '@bp/contracts';
import { SigningKeys, keyIdOf } from './signing-keys';
import { TOKEN_ISSUER, actorFromClaims, claimsOf } from './token-claims';

/** What an assertion is bound to: one message of one command, for one service, until its deadline. */
export interface CommandBinding {
  /** The receiving service's name: the assertion's audience. */
  service: string;
  command: string;
  messageId: string;
  deadline: string;
}

export type AssertionCheck = { ok: true; actor: Actor | null } | { ok: false; reason: string };

const ALGORITHM = 'ES256';
/** Clocks of the gateway and the services may differ a little; deadlines are seconds long. */
const CLOCK_TOLERANCE_S = 5;

/**
 * Signs, for each command the gateway sends, who asked (the actor it verified from the access token)
 * bound to that message: the service it is for (audience), the command's name, the message id
 * (jti) and the deadline (exp). A service takes the actor from this assertion only, so anything
 * else that can write to a command topic cannot act as a user, and a captured assertion cannot be
 * replayed for another command, another service or after its deadline.
 */
export class CommandAssertionSigner {
  private readonly jwt = new JwtService();
  private readonly keyId: string;

  constructor(private readonly keys: SigningKeys) {
    this.keyId = keyIdOf(keys.publicKey);
  }

  sign(actor: Actor | null, binding: CommandBinding): string {
    return this.jwt.sign(
      {
        ...(actor ? claimsOf(actor) : {}),
        cmd: binding.command,
        exp: Math.ceil(Date.parse(binding.deadline) / 1000),
      },
      {
        privateKey: this.keys.privateKey,
        algorithm: ALGORITHM,
        keyid: this.keyId,
        issuer: TOKEN_ISSUER,
        audience: binding.service,
        jwtid: binding.messageId,
      },
    );
  }
}

/**
 * A service's check of a command's assertion against the gateway's public command key: signature,
 * key id, issuer, audience (this service), expiry, and the binding to this message and command.
 * The key is read when first needed and again when an assertion names another key (the gateway
 * created or rotated it), at most every few seconds.
 */
export class CommandAssertionVerifier {
  private readonly jwt = new JwtService();
  private key: { id: string; pem: string } | null = null;
  private lastRead = 0;

  constructor(
    private readonly service: string,
    private readonly readPublicKey: () => string | null,
    private readonly rereadAfterMs = 5_000,
  ) {}

  check(
    assertion: string | undefined,
    binding: Pick<CommandBinding, 'command' | 'messageId'>,
  ): AssertionCheck {
    if (!assertion) return refuse('the command carries no assertion');
    const header = this.headerOf(assertion);
    if (!header) return refuse('the assertion is not a signed token');
    const key = this.keyFor(header.kid);
    if (!key) return refuse('the assertion is signed with an unknown key');
    let claims: Record<string, unknown>;
    try {
      claims = this.jwt.verify<Record<string, unknown>>(assertion, {
        publicKey: key,
        algorithms: [ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: this.service,
        clockTolerance: CLOCK_TOLERANCE_S,
      });
    } catch (error) {
      return refuse(`the assertion does not verify (${(error as Error).message})`);
    }
    if (claims.jti !== binding.messageId || claims.cmd !== binding.command)
      return refuse('the assertion is bound to another command');
    if (claims.sub === undefined) return { ok: true, actor: null };
    const actor = actorFromClaims(claims);
    return actor ? { ok: true, actor } : refuse('the assertion names no valid actor');
  }

  private headerOf(token: string): { kid?: unknown } | null {
    const decoded = this.jwt.decode<{ header?: { kid?: unknown } } | null>(token, {
      complete: true,
    });
    return decoded?.header ?? null;
  }

  private keyFor(kid: unknown): string | null {
    if (typeof kid !== 'string') return null;
    if (this.key?.id !== kid && Date.now() - this.lastRead >= this.rereadAfterMs) {
      this.lastRead = Date.now();
      const pem = this.readPublicKey();
      this.key = pem ? { id: keyIdOf(pem), pem } : null;
    }
    return this.key?.id === kid ? this.key.pem : null;
  }
}

function refuse(reason: string): AssertionCheck {
  return { ok: false, reason };
}
