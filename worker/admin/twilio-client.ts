import twilio from 'twilio';

/**
 * The `twilio` package's REST client, as the setup CLI uses it.
 *
 * TEST-ONLY: when `TWILIO_API_BASE_URL` is set (e.g. `http://127.0.0.1:4010`), every request
 * meant for `https://<host>.twilio.com/<path>` goes to `<TWILIO_API_BASE_URL>/<host>.twilio.com/<path>`
 * instead, so the CLI can be run against the local REST stand-in (tests/support/twilio-rest/).
 * Never set it against a real account: requests would carry your auth token to that URL.
 */
export const API_BASE_URL_VARIABLE = 'TWILIO_API_BASE_URL';

type RequestOptions<TData> = Parameters<typeof twilio.RequestClient.prototype.request<TData>>[0];

const TWILIO_ORIGIN = /^https:\/\/([a-z0-9.-]+\.twilio\.com)(?::443)?(\/.*)?$/i;

/** Rewrites Twilio's URLs to the stand-in's; everything else the package does is unchanged. */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ keepAlive: false });
  }

  /** `https://api.twilio.com/2010-04-01/…` → `<base>/api.twilio.com/2010-04-01/…`. */
  redirect(uri: string): string {
    const match = TWILIO_ORIGIN.exec(uri);
    if (!match) return uri;
    const [, host, rest = '/'] = match;
    return `${this.baseUrl.replace(/\/+$/, '')}/${host}${rest}`;
  }

  override request<TData>(opts: RequestOptions<TData>) {
    return super.request({ ...opts, uri: this.redirect(opts.uri) });
  }
}

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

export function createTwilioClient(
  credentials: TwilioCredentials,
  env: Record<string, string | undefined>,
): twilio.Twilio {
  const baseUrl = env[API_BASE_URL_VARIABLE]?.trim();
  return twilio(
    credentials.accountSid,
    credentials.authToken,
    baseUrl ? { httpClient: new RedirectingRequestClient(baseUrl) } : {},
  );
}
