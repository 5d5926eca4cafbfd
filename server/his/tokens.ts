import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** A browser-based HIS's SDK token: a few minutes of check and write-back for one registered HIS. */
export const BROWSER_TOKEN_MINUTES = 10;
/** The decision page's URL: opened once, within this many minutes of the check. */
export const PAGE_TICKET_MINUTES = 10;

const BROWSER = 'huren:his-browser';
const PAGE = 'huren:his-page';

export interface PageTicket {
  readonly promptId: string;
  readonly clientId: string;
  readonly ticketId: string;
  readonly expiresAt: Date;
}

export type TicketProblem = 'expired' | 'invalid';

/**
 * The HIS channel's own short-lived tokens, signed with the app token secret under audiences of their
 * own, so neither can stand in for a card's decision token or for the other.
 */
export class HisTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly issuer: string,
    private readonly clock: () => Date,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  private async sign(audience: string, subject: string, minutes: number, claims: Record<string, string>) {
    const iat = Math.floor(this.clock().getTime() / 1000);
    const exp = iat + minutes * 60;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  private async open(token: string, audience: string) {
    const { payload } = await jwtVerify(token, this.key, {
      algorithms: ['HS256'],
      issuer: this.issuer,
      audience,
      currentDate: this.clock(),
    });
    return payload;
  }

  browserToken(clientId: string): Promise<{ token: string; expiresAt: Date }> {
    return this.sign(BROWSER, clientId, BROWSER_TOKEN_MINUTES, {});
  }

  /** The HIS a browser token was minted for; null when it is not one of ours or has expired. */
  async browserClient(token: string): Promise<string | null> {
    try {
      const payload = await this.open(token, BROWSER);
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }

  pageTicket(promptId: string, clientId: string): Promise<{ token: string; expiresAt: Date }> {
    return this.sign(PAGE, promptId, PAGE_TICKET_MINUTES, { client: clientId });
  }

  async openPageTicket(token: string): Promise<PageTicket | TicketProblem> {
    try {
      const payload = await this.open(token, PAGE);
      if (typeof payload.sub !== 'string' || typeof payload.client !== 'string' || typeof payload.jti !== 'string')
        return 'invalid';
      return {
        promptId: payload.sub,
        clientId: payload.client,
        ticketId: payload.jti,
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      };
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : 'invalid';
    }
  }
}
