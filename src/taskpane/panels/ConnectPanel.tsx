import { Button, Field, Input, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import { FactList } from "../components/FactList";
import { ProblemBar } from "../components/ProblemBar";
import { Actions, Section, stack } from "../components/Section";
import type { Session } from "../state/use-session";

const useStyles = makeStyles({
  form: stack(tokens.spacingVerticalM),
});

const ROLE_NAMES = {
  viewer: "Viewer (reads the model)",
  editor: "Editor (changes drafts)",
  admin: "Administrator",
} as const;

function SignedIn({ session }: { session: Session }) {
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
      {session.problem !== undefined && <ProblemBar problem={session.problem} intent="warning" />}
      <Actions>
        <Button onClick={() => void session.signOut()}>Sign out</Button>
        {!session.reachable && <Button onClick={() => void session.recheck()}>Try again</Button>}
      </Actions>
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
      {session.problem !== undefined && <ProblemBar problem={session.problem} role="alert" />}
      <Actions>
        <Button appearance="primary" type="submit" disabled={busy}>
          Sign in
        </Button>
        {busy && <Spinner size="tiny" label="Signing in…" />}
      </Actions>
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
