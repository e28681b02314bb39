// The Target panel's body: choose the sandbox or AWS, paste and check AWS
// credentials, pick the region, remember or forget them, and copy them for the
// AWS CLI. Shown in the header's dialog and by <TargetPanel /> in chapters.
// Every value a student typed or AWS returned is rendered as text.
import { useStore } from '@nanostores/preact';
import type { JSX } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { credentialsText } from '../../cloud/credentials-format.ts';
import { SHELL_LABELS, SHELLS, type Shell } from '../../steps/shells.ts';
import { SHELL_SYNC_KEY, syncedTabChoice } from '../shared/synced-tabs.ts';
import { eraseEverything } from '../../cloud/device-data.ts';
import { keptOnThisDevice, type KeptGroup } from '../../cloud/device-data-summary.ts';
import { CredentialsProblem, credentialsFromFields, parseCredentials, type ParsedCredentials } from '../../cloud/credentials-parse.ts';
import { serverInfo, type ServerInfo } from '../../cloud/server-info.ts';
import { checkTarget, forget, LEARNER_LAB_REGIONS, setRemember, useAws, useRegion, useSandbox, type Target, type TargetKind } from '../../cloud/target.ts';
import { $sessionOffer, acceptSessionOffer } from '../../cloud/target-sharing.ts';
import { statusText, statusTone, targetName } from './target-summary.ts';
import { useTarget } from './use-target.ts';

const OTHER_REGIONS = [
  'us-east-2',
  'us-west-1',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
];

export default function TargetControls() {
  const target = useTarget();
  const id = useId();
  const [info, setInfo] = useState<ServerInfo>();
  const [shown, setShown] = useState<TargetKind>();

  useEffect(() => {
    void serverInfo().then(setInfo);
  }, []);

  if (!target) return <p class="lb-target__loading">Loading the target…</p>;
  // A class server hosts no sandbox: AWS is the only choice, and the panel says why.
  const view = info?.hostsNoSandbox ? 'aws' : (shown ?? target.kind);
  const choose = (kind: TargetKind) => setShown(kind);

  return (
    <div class="lb-target" data-target-kind={target.kind} data-target-status={target.status}>
      <TargetStatus target={target} />
      {!target.credentials && <SessionOffer />}
      {info?.hostsNoSandbox ? (
        <p class="lb-target__note lb-target__no-sandbox">{info.sandboxProblem}</p>
      ) : (
        <fieldset class="lb-target__choice">
          <legend>Where your resources go</legend>
          {(['sandbox', 'aws'] as const).map((kind) => (
            <label key={kind} class="lb-target__option">
              <input type="radio" name={`${id}-kind`} value={kind} checked={view === kind} onChange={() => choose(kind)} />
              {kind === 'sandbox' ? 'Sandbox (on this computer)' : 'My AWS account'}
            </label>
          ))}
        </fieldset>
      )}
      {view === 'sandbox' ? <SandboxSection target={target} info={info} /> : <AwsSection target={target} info={info} id={id} />}
      {target.credentials && <CopySection target={target} info={info} />}
      <EraseSection />
    </div>
  );
}

/** Everything labbook keeps in this browser, listed, and erased on request. */
function EraseSection() {
  const [kept, setKept] = useState<KeptGroup[]>();
  return (
    <details class="lb-target__section lb-target__erase" onToggle={(event) => event.currentTarget.open && void keptOnThisDevice().then(setKept)}>
      <summary>Erase everything labbook keeps on this device</summary>
      {kept && kept.length === 0 && <p class="lb-target__note">labbook keeps nothing in this browser.</p>}
      {kept && kept.length > 0 && (
        <>
          <p class="lb-target__note">In this browser’s storage, labbook keeps:</p>
          <ul>
            {kept.map((group) => (
              <li key={group.label}>
                {group.label} ({group.count} {group.count === 1 ? 'entry' : 'entries'})
              </li>
            ))}
          </ul>
          <p class="lb-target__note">Erasing removes all of it, here and in every tab; nothing in your sandbox or AWS account changes.</p>
          <div class="lb-target__actions">
            <button type="button" onClick={() => void eraseEverything()}>
              Erase all of it
            </button>
          </div>
        </>
      )}
    </details>
  );
}

function TargetStatus({ target }: { target: Target }) {
  return (
    <div class="lb-target__status" data-tone={statusTone(target)}>
      <p role="status" class="lb-target__headline">
        <strong>{targetName(target)}</strong> · {target.region} · <span class="lb-target__state">{statusText(target)}</span>
      </p>
      {target.problem && <p class="lb-target__problem">{target.problem}</p>}
      {target.identity && (
        <dl class="lb-target__identity">
          <dt>Account</dt>
          <dd>{target.identity.account}</dd>
          <dt>Identity</dt>
          <dd class="lb-target__arn">{target.identity.arn}</dd>
          {target.credentials?.expiration && (
            <>
              <dt>Expires</dt>
              <dd>{target.credentials.expiration.toLocaleString()}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}

/** Another tab's AWS session, to use here too: its keys then live in this tab as well, and nowhere else. */
function SessionOffer() {
  const offer = useStore($sessionOffer);
  if (!offer) return null;
  return (
    <div class="lb-target__section lb-target__offer" role="group" aria-label="Another tab’s AWS session">
      <p class="lb-target__note">
        Another labbook tab is signed in to AWS account {offer.account} ({offer.region}). Use that session here too? Its credentials are then kept in this tab
        only, as they are in that one.
      </p>
      <div class="lb-target__actions">
        <button type="button" onClick={() => acceptSessionOffer(useAws)}>
          Use that session
        </button>
      </div>
    </div>
  );
}

function SandboxSection({ target, info }: { target: Target; info: ServerInfo | undefined }) {
  const current = target.kind === 'sandbox' && target.credentials;
  const busy = target.kind === 'sandbox' && target.status === 'checking';
  if (info && !info.sandbox) {
    return (
      <p class="lb-target__note">
        {info.sandboxProblem ??
          'There is no sandbox here: this page is not served by labbook’s server. Run “npm start” and open the address it prints, or use your AWS account.'}
      </p>
    );
  }
  return (
    <div class="lb-target__section">
      <p class="lb-target__note">
        A local AWS that labbook runs on this computer: no account, nothing to pay. It answers like AWS, so every step works the same.
      </p>
      <div class="lb-target__actions">
        <button type="button" disabled={busy || !info} onClick={() => void useSandbox()}>
          {current ? 'Get new sandbox credentials' : 'Use the sandbox'}
        </button>
        {current && (
          <button type="button" onClick={forget}>
            Forget
          </button>
        )}
      </div>
    </div>
  );
}

function AwsSection({ target, info, id }: { target: Target; info: ServerInfo | undefined; id: string }) {
  const aws = target.kind === 'aws';
  const [paste, setPaste] = useState('');
  const [fields, setFields] = useState({ accessKeyId: '', secretAccessKey: '', sessionToken: '' });
  const [region, setRegion] = useState(aws ? target.region : 'us-east-1');
  const [remember, setRememberChoice] = useState(aws && target.remember === true);
  const [problem, setProblem] = useState<string>();

  const clearInputs = () => {
    setPaste('');
    setFields({ accessKeyId: '', secretAccessKey: '', sessionToken: '' });
  };

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    let parsed: ParsedCredentials;
    try {
      const typedFields = Object.values(fields).some((value) => value.trim() !== '');
      parsed = paste.trim() === '' && typedFields ? credentialsFromFields(fields) : parseCredentials(paste);
    } catch (error) {
      if (!(error instanceof CredentialsProblem)) throw error;
      return setProblem(error.message);
    }
    setProblem(undefined);
    clearInputs();
    void useAws(parsed, region, { remember });
  };

  const changeRegion = (next: string) => {
    setRegion(next);
    if (aws && target.credentials) void useRegion(next);
  };

  const changeRemember = (next: boolean) => {
    setRememberChoice(next);
    if (aws && target.credentials) setRemember(next);
  };

  const field = (name: keyof typeof fields, label: string, secret = false) => (
    <p class="lb-target__field">
      <label for={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type={secret ? 'password' : 'text'}
        autocomplete="off"
        spellcheck={false}
        value={fields[name]}
        onInput={(event) => setFields({ ...fields, [name]: event.currentTarget.value })}
      />
    </p>
  );

  const learnerLabRegion = LEARNER_LAB_REGIONS.includes(region);
  return (
    <form class="lb-target__section" onSubmit={submit}>
      <p class="lb-target__field">
        <label for={`${id}-paste`}>Paste your credentials</label>
        <textarea
          id={`${id}-paste`}
          rows={4}
          autocomplete="off"
          spellcheck={false}
          aria-describedby={`${id}-paste-hint`}
          placeholder={'[default]\naws_access_key_id=ASIA…\naws_secret_access_key=…\naws_session_token=…'}
          value={paste}
          onInput={(event) => setPaste(event.currentTarget.value)}
        />
        <small id={`${id}-paste-hint`}>
          In the Learner Lab, open “AWS Details”, then “Show” next to AWS CLI, and copy the whole block. <code>export AWS_…=</code> lines work too.
        </small>
      </p>
      <details class="lb-target__fields">
        <summary>Or enter the three values</summary>
        {field('accessKeyId', 'Access key id')}
        {field('secretAccessKey', 'Secret access key', true)}
        {field('sessionToken', 'Session token', true)}
      </details>
      <p class="lb-target__field">
        <label for={`${id}-region`}>Region</label>
        <select id={`${id}-region`} value={region} onChange={(event) => changeRegion(event.currentTarget.value)} aria-describedby={`${id}-region-hint`}>
          <optgroup label="Learner Lab regions">
            {LEARNER_LAB_REGIONS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Other regions (your own account)">
            {OTHER_REGIONS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </optgroup>
        </select>
        <small id={`${id}-region-hint`} class={learnerLabRegion ? undefined : 'lb-target__warning'}>
          {learnerLabRegion
            ? 'The Learner Lab allows us-east-1 and us-west-2.'
            : `A Learner Lab account refuses ${region}: it allows only us-east-1 and us-west-2. Use ${region} only with an AWS account of your own.`}
        </small>
      </p>
      <p class="lb-target__field lb-target__remember">
        <input id={`${id}-remember`} type="checkbox" checked={remember} onChange={(event) => changeRemember(event.currentTarget.checked)} />
        <label for={`${id}-remember`}>Remember on this device</label>
        <small>
          {remember
            ? 'Kept in this browser (localStorage) until you press Forget. Do not tick this on a shared computer.'
            : 'Kept only until this tab is closed (sessionStorage).'}
        </small>
      </p>
      {problem && (
        <p role="alert" class="lb-target__problem">
          {problem}
        </p>
      )}
      {info && !info.relay && (
        <p class="lb-target__note">
          This page is not served by labbook’s server, so calls go straight to AWS. API Gateway’s control plane does not answer web pages, so its steps need
          labbook’s server (“npm start”).
        </p>
      )}
      <div class="lb-target__actions">
        <button type="submit" disabled={aws && target.status === 'checking'}>
          Use these credentials
        </button>
        {aws && target.credentials && (
          <button type="button" disabled={target.status === 'checking'} onClick={() => void checkTarget()}>
            Check again
          </button>
        )}
        {aws && target.credentials && (
          <button
            type="button"
            onClick={() => {
              clearInputs();
              setRememberChoice(false);
              forget();
            }}
          >
            Forget
          </button>
        )}
      </div>
    </form>
  );
}

/** What the variables' lines are called in each shell. */
const VARIABLE_LINES: Record<Shell, string> = { bash: 'export lines', powershell: 'PowerShell $env: lines', cmd: 'cmd set lines' };

function CopySection({ target, info }: { target: Target; info: ServerInfo | undefined }) {
  const text = credentialsText(target, info?.sandbox?.endpoint);
  // The shell chosen in the chapters' tabs and the steps' commands.
  const chosen = useStore(syncedTabChoice(SHELL_SYNC_KEY));
  const shell: Shell = SHELLS.find((each) => SHELL_LABELS[each] === chosen) ?? 'bash';
  const [done, setDone] = useState<string>();
  const [fallback, setFallback] = useState<string>();
  if (!text) return null;

  const copy = async (what: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setFallback(undefined);
      setDone(`Copied ${what}.`);
    } catch {
      // No clipboard permission: show the text to select and copy by hand.
      setDone(undefined);
      setFallback(value);
    }
  };

  return (
    <div class="lb-target__section lb-target__copy">
      <p class="lb-target__note">
        For the AWS CLI or boto3 on this computer
        {target.kind === 'sandbox' && info?.sandbox ? (
          <>
            {' '}
            (point them at the sandbox with <code>--endpoint-url {info.sandbox.endpoint}</code>; the {VARIABLE_LINES[shell]} set <code>AWS_ENDPOINT_URL</code>{' '}
            for you):
          </>
        ) : (
          ':'
        )}
      </p>
      <div class="lb-target__actions">
        <button type="button" onClick={() => void copy('the ~/.aws/credentials block', text.file)}>
          Copy as ~/.aws/credentials
        </button>
        <button type="button" onClick={() => void copy(`the ${VARIABLE_LINES[shell]}`, text.variables(shell))}>
          Copy as {VARIABLE_LINES[shell]}
        </button>
      </div>
      <p role="status" class="lb-target__copied">
        {done}
      </p>
      {fallback && (
        <textarea
          class="lb-target__fallback"
          readOnly
          rows={6}
          aria-label="Credentials to copy"
          value={fallback}
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </div>
  );
}
