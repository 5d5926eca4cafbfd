import { z } from 'zod';
import { fetchJson } from '../http/fetch-json';

const launchAnswerSchema = z.object({ launch: z.string(), iss: z.string(), url: z.string() });

export interface SmartLaunchContext {
  readonly patientId: string;
  readonly practitionerId: string;
  readonly encounterId: string;
  /** The card's smart link `appContext`, handed to the app in the token response. */
  readonly appContext: string;
}

/**
 * An EHR launch of the Huren SMART app through the development SMART authorization server: the
 * EHR registers the launch context and opens the app at `/app/launch?iss=…&launch=…`, which runs
 * the authorization code flow with PKCE against that server.
 */
export async function smartLaunchUrl(context: SmartLaunchContext): Promise<string> {
  const answer = await fetchJson('/demo/auth/launch', launchAnswerSchema, { body: context });
  return answer.url;
}
