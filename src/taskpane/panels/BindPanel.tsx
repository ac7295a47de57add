import {
  Button,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import type { Model, Version } from "../../contract/api";
import { isLatest, LATEST } from "../../contract/query";
import { bindingLabel } from "../components/binding-label";
import { NextStep } from "../components/NextStep";
import { ProblemBar } from "../components/ProblemBar";
import { Actions, Section } from "../components/Section";
import { formatDate } from "../format";
import { fetchMembers } from "../service/members";
import { fetchModels, fetchVersions, newestPublished } from "../service/models";
import { problemOf, type Problem } from "../service/problem";
import { useList } from "../state/use-list";
import type { BindingState } from "../state/use-binding";
import type { Session } from "../state/use-session";

const useStyles = makeStyles({
  option: { display: "flex", flexDirection: "column" },
  secondary: { color: tokens.colorNeutralForeground3 },
  dropdown: { minWidth: "0", width: "100%" },
});

function versionDetail(version: Version): string {
  if (version.status === "published") return `Published ${formatDate(version.publishedAt)}`.trim();
  const created = formatDate(version.createdAt);
  return created === "" ? "Draft" : `Draft, created ${created}`;
}

export interface BindPanelProps {
  client: CostModelClient;
  session: Session;
  binding: BindingState;
  origin: string | undefined;
  /** The service does not answer: lists that failed are asked again once it does. */
  offline: boolean;
  onRefresh(): void;
  /** Signed out: Sign in is the next step. */
  onSignIn?: () => void;
}

/** Bind: which model, version and scenario the workbook's formulas show; saved in the workbook. */
export function BindPanel({
  client,
  session,
  binding,
  origin,
  offline,
  onRefresh,
  onSignIn,
}: BindPanelProps) {
  const styles = useStyles();
  const { serviceUrl } = session;
  const signedIn = session.phase === "signed-in";
  const saved = binding.binding;
  const [modelName, setModelName] = useState(saved?.model);
  const [version, setVersion] = useState(saved?.version ?? LATEST);
  const [scenario, setScenario] = useState(saved?.scenario ?? "Actual");
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [justSaved, setJustSaved] = useState<WorkbookBinding>();

  const models = useList<Model>(signedIn ? () => fetchModels(client, serviceUrl) : undefined, [
    client,
    serviceUrl,
    signedIn,
  ]);
  const model = models.items?.find((m) => m.name === modelName || m.id === modelName);
  const versions = useList<Version>(
    signedIn && model ? () => fetchVersions(client, serviceUrl, model.id) : undefined,
    [client, serviceUrl, signedIn, model?.id],
  );
  const scenarioVersion = isLatest(version) ? undefined : version;
  // The scenarios of the service the lists come from, also before the workbook is bound to it.
  const scenarios = useList<string>(
    model
      ? () =>
          fetchMembers(
            client,
            { serviceUrl: serviceUrl || undefined, model: model.name, version: scenarioVersion },
            "scenario",
          )
      : undefined,
    [client, serviceUrl, model?.name, scenarioVersion],
  );

  // One model: nothing to choose.
  useEffect(() => {
    if (modelName === undefined && models.items?.length === 1) setModelName(models.items[0].name);
  }, [modelName, models.items]);

  const failed = [models, versions, scenarios].filter((list) => list.problem !== undefined);
  const retryLists = () => failed.forEach((list) => list.retry());
  // Back online: what could not be loaded is asked again, without a click.
  const anyFailed = failed.length > 0;
  useEffect(() => {
    if (!offline && anyFailed) retryLists();
    // Only the return of the connection triggers it.
  }, [offline]);

  // Once bound, the focus goes to the next step: the Bind button it was on is disabled then.
  const refreshNow = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (justSaved !== undefined) refreshNow.current?.focus();
  }, [justSaved]);

  const latestLabel = useMemo(() => newestPublished(versions.items ?? [])?.label, [versions.items]);

  if (!signedIn) {
    return (
      <Section id="bind-heading" title="Bind this workbook">
        <NextStep
          text="Sign in first; then choose the model this workbook shows."
          action={onSignIn && { label: "Sign in", onClick: onSignIn }}
        />
      </Section>
    );
  }

  const save = async () => {
    if (model === undefined) return;
    setSaving(true);
    setProblem(undefined);
    const next: WorkbookBinding = {
      model: model.name,
      version: scenarioVersion,
      scenario,
      serviceUrl: serviceUrl !== "" && serviceUrl !== origin ? serviceUrl : undefined,
    };
    try {
      await binding.save(next);
      setJustSaved(next);
    } catch (error) {
      const { message } = problemOf(error);
      setProblem({ message: `The binding could not be saved in the workbook: ${message}` });
    } finally {
      setSaving(false);
    }
  };

  const listProblem = models.problem ?? versions.problem ?? scenarios.problem;
  const unchanged =
    saved !== undefined &&
    saved.model === model?.name &&
    (saved.version ?? LATEST) === version &&
    (saved.scenario ?? "Actual") === scenario;

  return (
    <Section id="bind-heading" title="Bind this workbook">
      <Field label="Model">
        {/* Its list opens inside the pane's main landmark, not in a portal outside every landmark. */}
        <Dropdown
          inlinePopup
          className={styles.dropdown}
          placeholder={
            models.items
              ? "Choose a model"
              : models.problem
                ? "Models could not be loaded"
                : "Loading models…"
          }
          value={model?.name ?? ""}
          selectedOptions={model ? [model.name] : []}
          onOptionSelect={(_e, data) => {
            setModelName(data.optionValue);
            setVersion(LATEST);
          }}
        >
          {(models.items ?? []).map((m) => (
            <Option key={m.id} value={m.name} text={m.name}>
              <span className={styles.option}>
                {m.name}
                {m.currency && <Caption1 className={styles.secondary}>{m.currency}</Caption1>}
              </span>
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Version" hint="Published versions never change; a draft may.">
        <Dropdown
          inlinePopup
          className={styles.dropdown}
          disabled={model === undefined}
          value={isLatest(version) ? `Latest published${latestLabel ? ` (${latestLabel})` : ""}` : version}
          selectedOptions={[version]}
          onOptionSelect={(_e, data) => setVersion(data.optionValue ?? LATEST)}
        >
          <Option value={LATEST} text="Latest published">
            <span className={styles.option}>
              Latest published
              <Caption1 className={styles.secondary}>Follows each new published version</Caption1>
            </span>
          </Option>
          {(versions.items ?? []).map((v) => (
            <Option key={v.id} value={v.label} text={v.label}>
              <span className={styles.option}>
                {v.label}
                <Caption1 className={styles.secondary}>{versionDetail(v)}</Caption1>
              </span>
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Scenario">
        <Dropdown
          inlinePopup
          className={styles.dropdown}
          disabled={model === undefined}
          value={scenario}
          selectedOptions={[scenario]}
          onOptionSelect={(_e, data) => setScenario(data.optionValue ?? "Actual")}
        >
          {(scenarios.items ?? [scenario]).map((name) => (
            <Option key={name} value={name}>
              {name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {listProblem !== undefined && (
        <ProblemBar problem={listProblem} action={{ label: "Try again", onClick: retryLists }} />
      )}
      {problem !== undefined && <ProblemBar problem={problem} role="alert" />}
      <Actions>
        <Button
          appearance="primary"
          disabled={model === undefined || (unchanged && !saving)}
          disabledFocusable={saving}
          onClick={() => void save()}
        >
          Bind workbook
        </Button>
        {saving && <Spinner size="tiny" label="Saving…" />}
      </Actions>
      {justSaved !== undefined && (
        <MessageBar intent="success" layout="multiline" data-testid="bound-message">
          <MessageBarBody>
            <MessageBarTitle>Workbook bound</MessageBarTitle>
            {bindingLabel(justSaved)}. Refresh its ITFM cells to show these numbers.
          </MessageBarBody>
          <MessageBarActions>
            <Button ref={refreshNow} onClick={onRefresh}>
              Refresh now
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </Section>
  );
}
