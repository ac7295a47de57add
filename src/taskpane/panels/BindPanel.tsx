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
import { useEffect, useMemo, useState } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import { bindingLabel } from "../components/binding-label";
import { Section } from "../components/Section";
import { formatDate } from "../format";
import { fetchModels, fetchVersions, type ModelSummary, type VersionSummary } from "../service/api";
import { fetchMembers } from "../service/members";
import type { BindingState } from "../state/use-binding";
import type { Session } from "../state/use-session";

const useStyles = makeStyles({
  option: { display: "flex", flexDirection: "column" },
  secondary: { color: tokens.colorNeutralForeground3 },
  dropdown: { minWidth: "0", width: "100%" },
  actions: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

const LATEST = "latest";

function versionDetail(version: VersionSummary): string {
  if (version.status === "published") return `Published ${formatDate(version.publishedAt)}`.trim();
  const created = formatDate(version.createdAt);
  return created === "" ? "Draft" : `Draft, created ${created}`;
}

/** Loads a list when its inputs are set; reports the failure in words. */
function useList<T>(load: (() => Promise<T[]>) | undefined, deps: unknown[]) {
  const [items, setItems] = useState<T[]>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setItems(undefined);
    setProblem(undefined);
    if (load === undefined) return;
    let cancelled = false;
    load().then(
      (loaded) => !cancelled && setItems(loaded),
      (error: unknown) => !cancelled && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
    // `deps` name everything `load` reads.
  }, deps);
  return { items, problem };
}

export interface BindPanelProps {
  client: CostModelClient;
  session: Session;
  binding: BindingState;
  origin: string | undefined;
  onRefresh(): void;
}

/** Bind: which model, version and scenario the workbook's formulas show; saved in the workbook. */
export function BindPanel({ client, session, binding, origin, onRefresh }: BindPanelProps) {
  const styles = useStyles();
  const { serviceUrl, token } = session;
  const saved = binding.binding;
  const [modelName, setModelName] = useState(saved?.model);
  const [version, setVersion] = useState(saved?.version ?? LATEST);
  const [scenario, setScenario] = useState(saved?.scenario ?? "Actual");
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [justSaved, setJustSaved] = useState<WorkbookBinding>();

  const models = useList<ModelSummary>(token ? () => fetchModels(serviceUrl, token) : undefined, [
    serviceUrl,
    token,
  ]);
  const model = models.items?.find((m) => m.name === modelName || m.id === modelName);
  const versions = useList<VersionSummary>(
    token && model ? () => fetchVersions(serviceUrl, token, model.id) : undefined,
    [serviceUrl, token, model?.id],
  );
  const scenarioVersion = version === LATEST ? undefined : version;
  const scenarios = useList<string>(
    model
      ? () => fetchMembers(client, { model: model.name, version: scenarioVersion }, "scenario")
      : undefined,
    [client, model?.name, scenarioVersion],
  );

  // One model: nothing to choose.
  useEffect(() => {
    if (modelName === undefined && models.items?.length === 1) setModelName(models.items[0].name);
  }, [modelName, models.items]);

  const latestLabel = useMemo(() => {
    const published = (versions.items ?? []).filter((v) => v.status === "published");
    published.sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""));
    return published[0]?.label;
  }, [versions.items]);

  if (session.phase !== "signed-in") {
    return (
      <Section id="bind-heading" title="Bind this workbook">
        <MessageBar intent="info">
          <MessageBarBody>Sign in first (Connect); then choose the model this workbook shows.</MessageBarBody>
        </MessageBar>
      </Section>
    );
  }

  const save = async () => {
    if (model === undefined) return;
    setSaving(true);
    setProblem(undefined);
    const next: WorkbookBinding = {
      model: model.name,
      version: version === LATEST ? undefined : version,
      scenario,
      serviceUrl: serviceUrl !== "" && serviceUrl !== origin ? serviceUrl : undefined,
    };
    try {
      await binding.save(next);
      setJustSaved(next);
    } catch (error) {
      setProblem(
        `The binding could not be saved in the workbook: ${error instanceof Error ? error.message : String(error)}`,
      );
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
        <Dropdown
          className={styles.dropdown}
          placeholder={models.items ? "Choose a model" : "Loading models…"}
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
          className={styles.dropdown}
          disabled={model === undefined}
          value={version === LATEST ? `Latest published${latestLabel ? ` (${latestLabel})` : ""}` : version}
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
        <MessageBar intent="error">
          <MessageBarBody>{listProblem}</MessageBarBody>
        </MessageBar>
      )}
      {problem !== undefined && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={model === undefined || saving || unchanged}
          onClick={() => void save()}
        >
          Bind workbook
        </Button>
        {saving && <Spinner size="tiny" label="Saving…" />}
      </div>
      {justSaved !== undefined && (
        <MessageBar intent="success" layout="multiline" data-testid="bound-message">
          <MessageBarBody>
            <MessageBarTitle>Workbook bound</MessageBarTitle>
            {bindingLabel(justSaved)}. Refresh its ITFM cells to show these numbers.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onRefresh}>Refresh now</Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </Section>
  );
}
