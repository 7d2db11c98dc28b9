import { KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { verify } from 'jsonwebtoken';
import { Actor } from '@bp/contracts';
import { KeyRing } from './key-ring';
import { ALGORITHM_OF } from './signing-keys';
import { TOKEN_ISSUER, actorFromClaims, claimsOf } from './token-claims';

/** What an assertion is bound to: one message of one command, for one service, until its deadline. */
export interface CommandBinding {
  /** The receiving service's name: the assertion's audience. */
  service: string;
  command: string;
  messageId: string;
  deadline: string;
  /** requestDigest of what the message asks (request-digest.ts). */
  request: string;
}

export type AssertionCheck =
  | {
      ok: true;
      actor: Actor | null;
      /** Until when (ms) a copy of this assertion would still verify: its expiry plus tolerance. */
      validUntil: number;
    }
  | { ok: false; reason: string };

const ALGORITHM = ALGORITHM_OF.command;
/** Clocks of the gateway and the services may differ a little; deadlines are seconds long. */
const CLOCK_TOLERANCE_S = 2;
/** No command waits longer than this: an assertion promising more was not made by the gateway. */
const MAX_LIFETIME_S = 600;

/**
 * Signs, for each command the gateway sends, who asked (the actor it verified from the access token)
 * bound to that message: the service it is for (audience), the command's name, the message id
 * (jti), what it asks (req: payload, Idempotency-Key and If-Match, request-digest.ts) and the
 * deadline (exp). A service takes the actor from this assertion only, so anything
 * else that can write to a command topic cannot act as a user, and a captured assertion cannot be
 * replayed for another command, another service or after its deadline.
 */
export class CommandAssertionSigner {
  private readonly jwt = new JwtService();

  /** `keys`: the gateway's command keys; a rotation takes effect on the next command. */
  constructor(private readonly keys: Pick<KeyRing, 'current'>) {}

  sign(actor: Actor | null, binding: CommandBinding): string {
    const key = this.keys.current();
    return this.jwt.sign(
      {
        ...(actor ? claimsOf(actor) : {}),
        cmd: binding.command,
        req: binding.request,
        exp: expiryOf(binding.deadline),
      },
      {
        privateKey: key.privateKey,
        algorithm: ALGORITHM,
        keyid: key.kid,
        issuer: TOKEN_ISSUER,
        audience: binding.service,
        jwtid: binding.messageId,
      },
    );
  }
}

/**
 * A service's check of a command's assertion against the gateway's public command keys (by the
 * `kid` the assertion names, current or retired: key-ring.ts): signature, issuer, audience (this
 * service), expiry, and the binding to this message and command.
 */
export class CommandAssertionVerifier {
  private readonly jwt = new JwtService();

  constructor(
    private readonly service: string,
    private readonly publicKeyFor: (kid: string) => KeyObject | null,
  ) {}

  /**
   * `binding.deadline`, when the message carries one, must be the one signed (its `exp`): a copy
   * with a later deadline is another message.
   */
  check(
    assertion: string | undefined,
    binding: Pick<CommandBinding, 'command' | 'messageId' | 'request'> &
      Partial<Pick<CommandBinding, 'deadline'>>,
  ): AssertionCheck {
    if (!assertion) return refuse('the command carries no assertion');
    const header = this.headerOf(assertion);
    if (!header) return refuse('the assertion is not a signed token');
    const key = typeof header.kid === 'string' ? this.publicKeyFor(header.kid) : null;
    if (!key) return refuse('the assertion is signed with an unknown key');
    let claims: Record<string, unknown>;
    try {
      // jsonwebtoken itself: it takes the parsed key (@nestjs/jwt's types allow only PEM text).
      claims = verify(assertion, key, {
        algorithms: [ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: this.service,
        clockTolerance: CLOCK_TOLERANCE_S,
      }) as Record<string, unknown>;
    } catch (error) {
      return refuse(`the assertion does not verify (${(error as Error).message})`);
    }
    if (typeof claims.exp !== 'number' || claims.exp > Date.now() / 1000 + MAX_LIFETIME_S)
      return refuse('the assertion does not expire in time');
    if (
      claims.jti !== binding.messageId ||
      claims.cmd !== binding.command ||
      claims.req !== binding.request
    )
      return refuse('the assertion is bound to another command');
    if (binding.deadline !== undefined && claims.exp !== expiryOf(binding.deadline))
      return refuse('the assertion is bound to another deadline');
    const validUntil = (claims.exp + CLOCK_TOLERANCE_S) * 1000;
    if (claims.sub === undefined) return { ok: true, actor: null, validUntil };
    const actor = actorFromClaims(claims);
    return actor ? { ok: true, actor, validUntil } : refuse('the assertion names no valid actor');
  }

  private headerOf(token: string): { kid?: unknown } | null {
    const decoded = this.jwt.decode<{ header?: { kid?: unknown } } | null>(token, {
      complete: true,
    });
    return decoded?.header ?? null;
  }
}

/** A deadline as the assertion's `exp`: whole seconds, rounded up. */
function expiryOf(deadline: string): number {
  return Math.ceil(Date.parse(deadline) / 1000);
}

function refuse(reason: string): AssertionCheck {
  return { ok: false, reason };
}
