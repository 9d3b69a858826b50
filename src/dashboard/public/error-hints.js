// What to do about each run error code: the README's "When a sync fails" table, as the dashboard
// shows it beside a failing run. The codes are src/runs/run-failure.ts's (the browser test checks
// that every one of them has a hint here).
export const ERROR_HINTS = {
  jamf_auth_rejected: {
    meaning: 'Jamf Pro refused the credentials (client id and secret, or user and password), or the API client is disabled.',
    todo: 'Check the API client in Jamf Pro (Settings → System → API roles and clients); set the secret again (connections update --org … --secret-stdin, or JAMF_CLIENT_SECRET).',
  },
  jamf_unreachable: {
    meaning: 'No connection to Jamf Pro (refused, DNS, timeouts) after every retry.',
    todo: 'Check the URL, DNS, firewall or proxy between this host and Jamf Pro; the message names the URL.',
  },
  jamf_unavailable: {
    meaning: 'Jamf Pro answered, but kept failing (5xx, or 429) after every retry.',
    todo: "Usually Jamf's side (maintenance, overload); it is retried. If it lasts, check Jamf Pro's status page.",
  },
  jamf_tls_untrusted: {
    meaning: "Jamf Pro's certificate is not trusted (unknown CA, expired, another host name) or the port does not speak TLS.",
    todo: 'For an internal CA, set JAMF_CA_FILE or connections update --ca-file; otherwise renew the certificate or fix the URL (the message says which).',
  },
  jamf_privilege_missing: {
    meaning: 'The API role (or user account) lacks a privilege the sync needs.',
    todo: 'Add the privilege the message names to the API role in Jamf Pro.',
  },
  jamf_redirect_refused: {
    meaning: 'Jamf Pro (or a proxy) answered with a redirect the client does not follow.',
    todo: "Use Jamf Pro's final address as the connection's URL.",
  },
  jamf_response_invalid: {
    meaning: 'Jamf Pro answered in a shape the sync cannot use, or refused a request as malformed.',
    todo: "Check the URL is Jamf Pro itself and its version is supported; the message has Jamf's answer.",
  },
  connection_config_invalid: {
    meaning: "The connection's settings cannot be used: not a Jamf Pro URL, unreadable CA file, missing secret or ENCRYPTION_KEY.",
    todo: 'Fix the setting the message names (connections update, the environment).',
  },
  removal_guard_tripped: {
    meaning: 'More of the fleet was missing from Jamf than the connection allows to mark removed at once; nothing was marked.',
    todo: "Check the API client's privileges and site scope; if the devices really left, raise the threshold (connections update --removal-threshold) and sync. Not retried automatically.",
  },
  run_interrupted: {
    meaning: 'The process running the sync stopped (crash, kill, deploy) before it finished.',
    todo: 'Nothing: serve runs it again.',
  },
  internal_error: {
    meaning: 'Anything else (a database error, a bug).',
    todo: "The service's log line for the run has the details.",
  },
};

export function hintFor(code) {
  return (code && ERROR_HINTS[code]) || null;
}
