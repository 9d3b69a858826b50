import axios, { type AxiosInstance } from 'axios';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/simulator-defaults';
import type { RunningSimulator } from '../../src/simulator/start-simulator';

/** Plain axios against a running simulator: no retries, every status handed back to the test. */
export function rawClient(simulator: RunningSimulator): AxiosInstance {
  return axios.create({ baseURL: simulator.url, validateStatus: () => true, timeout: 10_000 });
}

export async function oauthToken(simulator: RunningSimulator, clientSecret = DEFAULT_CREDENTIALS.clientSecret): Promise<string> {
  const response = await rawClient(simulator).post(
    '/api/oauth/token',
    new URLSearchParams({ grant_type: 'client_credentials', client_id: DEFAULT_CREDENTIALS.clientId, client_secret: clientSecret }),
  );
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  return response.data.access_token as string;
}

/** An axios instance that sends a fresh bearer token. */
export async function apiClient(simulator: RunningSimulator): Promise<AxiosInstance> {
  const token = await oauthToken(simulator);
  return axios.create({
    baseURL: simulator.url,
    validateStatus: () => true,
    timeout: 10_000,
    headers: { authorization: `Bearer ${token}` },
    // Jamf expects repeated keys: section=GENERAL&section=HARDWARE.
    paramsSerializer: { indexes: null },
  });
}
