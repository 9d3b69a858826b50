import { CommanderError } from 'commander';
import { ConfigError } from '../../src/config';
import { AppError } from '../../src/errors/app-error';
import { InvalidInputError } from '../../src/errors/invalid-input-error';
import { CliOptionError } from '../../src/simulator/cli-options';
import { EXIT_CODES, exitCodeFor, failureMessage, stackIsWorthShowing } from '../../src/cli/exit-codes';
import { explainInput } from '../../src/explain/explain-input';

/** The one mapping from a command's failure to its exit code and stderr message. */
describe('exit codes', () => {
  it('are 0 (done), 1 (the work failed), 2 (the input is wrong, nothing was done) and 3 (done but for the items named)', () => {
    expect(EXIT_CODES).toEqual({ ok: 0, failure: 1, invalidInput: 2, partial: 3 });
  });

  it.each([
    ['an invalid configuration', 2, new ConfigError(['PORT: must be a whole number from 0 to 65535'])],
    ['invalid options or an invalid import file', 2, new InvalidInputError('Invalid options', ['--org: is required'])],
    ['an invalid simulator option', 2, new CliOptionError('--port must be a number')],
    ['a commander usage error', 2, new CommanderError(1, 'commander.unknownOption', "error: unknown option '--nope'")],
    ['commander showing help', 0, new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')],
    ['commander printing the version', 0, new CommanderError(0, 'commander.version', '0.1.0')],
    ['an application error', 1, new AppError(404, 'connection_not_found', 'Organization "acme" has no Jamf connection')],
    ['an unexpected error', 1, new Error('connect ECONNREFUSED 127.0.0.1:5432')],
    ['something thrown that is not an Error', 1, 'boom'],
  ])('%s → exit %i', (_what, code, err) => {
    expect(exitCodeFor(err)).toBe(code);
  });

  it('shows input errors as they are: they already list every problem', () => {
    expect(failureMessage(new ConfigError(['PORT: must be a whole number from 0 to 65535', 'JAMF_SYNC_TZ: must be an IANA time zone such as Europe/Paris or UTC']))).toBe(
      'Invalid configuration:\n  - PORT: must be a whole number from 0 to 65535\n  - JAMF_SYNC_TZ: must be an IANA time zone such as Europe/Paris or UTC',
    );
    expect(failureMessage(new InvalidInputError('Invalid options for "connections remove", nothing was written', ['--org: is required (the organization slug, e.g. acme)']))).toBe(
      'Invalid options for "connections remove", nothing was written:\n  - --org: is required (the organization slug, e.g. acme)',
    );
  });

  it('names other errors with their stable code when they have one', () => {
    expect(failureMessage(new AppError(409, 'connection_exists', 'Organization "acme" already has a Jamf connection'))).toBe(
      'Error (connection_exists): Organization "acme" already has a Jamf connection',
    );
    expect(failureMessage(new Error('disk full'))).toBe('Error: disk full');
    expect(failureMessage(Object.assign(new Error('refused'), { code: 42 }))).toBe('Error: refused');
    expect(failureMessage('boom')).toBe('Error: boom');
  });

  it('leaves the stack out of invalid input even at LOG_LEVEL=debug', () => {
    expect(stackIsWorthShowing(new InvalidInputError('Invalid options', ['--limit must be a positive whole number']))).toBe(false);
    expect(stackIsWorthShowing(new ConfigError(['PORT: must be a whole number from 0 to 65535']))).toBe(true);
    expect(stackIsWorthShowing(new Error('disk full'))).toBe(true);
    expect(stackIsWorthShowing('boom')).toBe(false);
  });

  it('explain, pure and so unable to import them, says the same codes for its result', () => {
    expect(explainInput('{"results": [').exitCode).toBe(EXIT_CODES.invalidInput);
    expect(explainInput('{"mobileDeviceId": "1"}').exitCode).toBe(EXIT_CODES.ok);
  });
});
