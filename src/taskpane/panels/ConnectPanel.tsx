import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import type { Session } from "../state/use-session";
import { Section } from "../components/Section";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  account: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

const ROLE_NAMES = {
  viewer: "Viewer (reads the model)",
  editor: "Editor (changes drafts)",
  admin: "Administrator",
} as const;

function SignedIn({ session }: { session: Session }) {
  const styles = useStyles();
  const account = session.account;
  return (
    <>
      <dl className={styles.account} aria-label="Signed-in account" data-testid="account">
        <dt className={styles.term}>User</dt>
        <dd className={styles.value}>{account ? account.user.name : "…"}</dd>
        <dt className={styles.term}>Tenant</dt>
        <dd className={styles.value}>{account ? account.tenant.name : "…"}</dd>
        <dt className={styles.term}>Role</dt>
        <dd className={styles.value}>{account ? ROLE_NAMES[account.role] : "…"}</dd>
        <dt className={styles.term}>Service</dt>
        <dd className={styles.value}>{session.serviceUrl}</dd>
      </dl>
      {session.problem !== undefined && (
        <MessageBar intent="warning">
          <MessageBarBody>{session.problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button onClick={() => void session.signOut()}>Sign out</Button>
        {!session.reachable && <Button onClick={() => void session.recheck()}>Try again</Button>}
      </div>
      <Text size={200}>
        The token stays in the add-in&apos;s storage on this computer; it is never saved in the workbook.
      </Text>
    </>
  );
}

function SignInForm({ session }: { session: Session }) {
  const styles = useStyles();
  const [url, setUrl] = useState(session.serviceUrl);
  const [token, setToken] = useState("");
  useEffect(() => setUrl(session.serviceUrl), [session.serviceUrl]);
  const busy = session.phase === "signing-in" || session.phase === "starting";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void session.signIn(url, token).then(() => setToken(""));
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Sign in">
      <Field label="Service address" hint="The cost-model service of your organization.">
        <Input type="url" value={url} onChange={(_e, data) => setUrl(data.value)} autoComplete="url" />
      </Field>
      <Field label="Access token" hint="Issued by your administrator; paste it here." required>
        <Input
          type="password"
          value={token}
          onChange={(_e, data) => setToken(data.value)}
          autoComplete="off"
        />
      </Field>
      {session.problem !== undefined && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{session.problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Sign in
        </Button>
        {busy && <Spinner size="tiny" label="Signing in…" />}
      </div>
    </form>
  );
}

/** Connect: the service address and the sign-in token; once signed in, who and where. */
export function ConnectPanel({ session }: { session: Session }) {
  return (
    <Section
      id="connect-heading"
      title={session.phase === "signed-in" ? "Connected" : "Connect to the cost model"}
    >
      {session.phase === "signed-in" ? <SignedIn session={session} /> : <SignInForm session={session} />}
    </Section>
  );
}
