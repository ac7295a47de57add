import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import { FactList } from "../components/FactList";
import { ProblemBar } from "../components/ProblemBar";
import { TryAgain } from "../components/TryAgain";
import { Actions, Section, stack } from "../components/Section";
import type { Health } from "../state/use-health";
import type { Session } from "../state/use-session";
import { Notice } from "../components/Notice";

const useStyles = makeStyles({
  form: stack(tokens.spacingVerticalM),
});

const ROLE_NAMES = {
  viewer: "Viewer (reads the model)",
  editor: "Editor (changes drafts)",
  admin: "Administrator",
} as const;

export interface ConnectPanelProps {
  session: Session;
  /** The service does not answer (the header says Offline). */
  offline: boolean;
  health: Health;
  /** The workbook is bound to a model: then signing in needs no next step. */
  bound: boolean;
  /** Goes to Bind, the step after signing in. */
  onBind(): void;
}

function SignedIn({ session, offline, health, bound, onBind }: ConnectPanelProps) {
  const account = session.account;
  const facts = [
    ["User", account ? account.user.name : "…"],
    ["Tenant", account ? account.tenant.name : "…"],
    ["Role", account ? ROLE_NAMES[account.role] : "…"],
    ["Service", session.serviceUrl],
  ] as const;
  return (
    <>
      <FactList facts={facts} boxed aria-label="Signed-in account" data-testid="account" />
      {offline && (
        <Notice intent="warning" data-testid="connect-offline">
          <MessageBarBody>
            The service does not answer: cells keep the values they show. The add-in checks again by itself.
          </MessageBarBody>
          <MessageBarActions>
            <TryAgain health={health} />
          </MessageBarActions>
        </Notice>
      )}
      {session.problem !== undefined && !offline && <ProblemBar problem={session.problem} intent="warning" />}
      {!bound && !offline && (
        <Notice intent="info" data-testid="next-step">
          <MessageBarBody>
            Next, bind this workbook to a cost model: its formulas then show that model&apos;s numbers.
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={onBind}>
              Bind this workbook
            </Button>
          </MessageBarActions>
        </Notice>
      )}
      <Actions>
        <Button onClick={() => void session.signOut()}>Sign out</Button>
      </Actions>
      <Text size={200}>
        The token stays in the add-in&apos;s storage on this computer; it is never saved in the workbook.
      </Text>
    </>
  );
}

interface FieldProblems {
  url?: string;
  token?: string;
}

/** What is missing or wrong before anything is sent, said next to the field. */
function fieldProblems(url: string, token: string): FieldProblems {
  const problems: FieldProblems = {};
  const address = url.trim();
  if (address === "")
    problems.url = "Type the address of your cost-model service, such as https://itfm.example.com.";
  else if (!/^https?:\/\/[^/\s]+/i.test(address))
    problems.url = `"${address}" is not a web address: it starts with https://, such as https://itfm.example.com.`;
  if (token.trim() === "") problems.token = "Paste the access token your administrator gave you.";
  return problems;
}

/** What the add-in is for, and the two steps that get a workbook its numbers. */
function Welcome() {
  return (
    <Text as="p" data-testid="welcome">
      ITFM for Excel puts your organization&apos;s IT cost model into this workbook: costs, allocations,
      drivers and rates as ITFM formulas that refresh from the shared model. Sign in, then bind the workbook
      to a model.
    </Text>
  );
}

function SignInForm({ session, onSignedIn }: { session: Session; onSignedIn(): void }) {
  const styles = useStyles();
  const [url, setUrl] = useState(session.serviceUrl);
  const [token, setToken] = useState("");
  const [problems, setProblems] = useState<FieldProblems>({});
  useEffect(() => setUrl(session.serviceUrl), [session.serviceUrl]);
  // Typing into a field answers its message: it is checked again at the next Sign in.
  const typed =
    (field: keyof FieldProblems, set: (value: string) => void) => (_e: unknown, data: { value: string }) => {
      set(data.value);
      setProblems((p) => ({ ...p, [field]: undefined }));
    };
  const busy = session.phase === "signing-in" || session.phase === "starting";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = fieldProblems(url, token);
    setProblems(found);
    if (found.url !== undefined || found.token !== undefined) return;
    // The token stays typed when the sign-in fails, so that a retry needs no new paste.
    void session.signIn(url, token).then((signedIn) => {
      if (!signedIn) return;
      setToken("");
      onSignedIn();
    });
  };

  return (
    // The fields are checked here and answered next to them, not by the browser's bubbles.
    <form className={styles.form} onSubmit={submit} aria-label="Sign in" noValidate>
      <Field
        label="Service address"
        hint="The cost-model service of your organization."
        validationMessage={problems.url}
      >
        <Input type="url" value={url} onChange={typed("url", setUrl)} autoComplete="url" />
      </Field>
      <Field
        label="Access token"
        hint="Issued by your administrator; paste it here."
        required
        validationMessage={problems.token}
      >
        <Input type="password" value={token} onChange={typed("token", setToken)} autoComplete="off" />
      </Field>
      {session.problem !== undefined && <ProblemBar problem={session.problem} role="alert" />}
      <Actions>
        {/* Focusable while it works: a disabled button would drop the keyboard focus to the page. */}
        <Button appearance="primary" type="submit" disabledFocusable={busy}>
          Sign in
        </Button>
        {busy && <Spinner size="tiny" label={session.phase === "starting" ? "Starting…" : "Signing in…"} />}
        {session.phase === "signing-in" && <Button onClick={session.cancelSignIn}>Cancel</Button>}
      </Actions>
    </form>
  );
}

/** Connect: the service address and the sign-in token; once signed in, who and where. */
export function ConnectPanel(props: ConnectPanelProps) {
  const { session, offline } = props;
  const signedIn = session.phase === "signed-in";
  // Signing in with the form replaces it, and the focus with it: it goes to the heading of what
  // replaced it. A session restored on opening moves no focus.
  const [signedInHere, setSignedInHere] = useState(false);
  const title = !signedIn
    ? "Connect to the cost model"
    : offline
      ? "Signed in · service unreachable"
      : "Connected";
  return (
    <Section id="connect-heading" title={title} focusOnMount={signedIn && signedInHere}>
      {!signedIn && <Welcome />}
      {signedIn ? (
        <SignedIn {...props} />
      ) : (
        <SignInForm session={session} onSignedIn={() => setSignedInHere(true)} />
      )}
    </Section>
  );
}
