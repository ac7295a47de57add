import {
  Button,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  MessageBarBody,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import type { Version } from "../../contract/api";
import type { ImportKind } from "../../contract/imports";
import { ProblemBar } from "../components/ProblemBar";
import { Actions, Section } from "../components/Section";
import { fetchMembers } from "../service/members";
import { fetchVersionsOfModel } from "../service/models";
import type { ImportState } from "../state/use-import";
import { useList } from "../state/use-list";
import type { Session } from "../state/use-session";
import { ImportOutcome } from "./ImportOutcome";
import { NextStep, type NextStepProps } from "../components/NextStep";
import { Notice } from "../components/Notice";

const KINDS: { value: ImportKind; label: string; hint: string }[] = [
  { value: "cost_lines", label: "Cost lines", hint: "pool, period, scenario, amount…" },
  { value: "driver_quantities", label: "Driver quantities", hint: "driver, member, period, quantity…" },
  { value: "focus", label: "FOCUS cloud bill", hint: "a FinOps FOCUS billing export" },
];

/** Scenario left to the file: the rows' own scenario (FOCUS bills go into Actual). */
const FROM_FILE = "";

const useStyles = makeStyles({
  dropdown: { minWidth: "0", width: "100%" },
  secondary: { color: tokens.colorNeutralForeground3 },
  file: {
    width: "100%",
    minWidth: "0",
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    "::file-selector-button": {
      marginRight: tokens.spacingHorizontalS,
      paddingBlock: tokens.spacingVerticalXS,
      paddingInline: tokens.spacingHorizontalM,
      borderRadius: tokens.borderRadiusMedium,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
      fontFamily: tokens.fontFamilyBase,
      fontSize: tokens.fontSizeBase300,
      fontWeight: tokens.fontWeightSemibold,
      cursor: "pointer",
    },
  },
});

export interface ImportPanelProps {
  client: CostModelClient;
  session: Session;
  binding: WorkbookBinding | undefined;
  /** The import under way or done: kept by the app, so it goes on while another section is shown. */
  importer: ImportState;
  /** Where the next step is when the workbook is not ready for an import. */
  onGo?: (section: "connect" | "bind") => void;
}

function ImportNeeds(props: NextStepProps) {
  return (
    <Section id="import-heading" title="Import a file">
      <NextStep {...props} />
    </Section>
  );
}

/** Import: a CSV or XLSX file of cost lines, driver quantities or a FOCUS bill into a draft of the bound model. */
export function ImportPanel({ client, session, binding, importer, onGo }: ImportPanelProps) {
  const signedIn = session.phase === "signed-in";
  if (!signedIn)
    return (
      <ImportNeeds
        text="Sign in first; then import files into a draft of your model."
        action={onGo && { label: "Sign in", onClick: () => onGo("connect") }}
      />
    );
  if (binding === undefined) {
    return (
      <ImportNeeds
        text="Bind this workbook to a model first; files are imported into one of its drafts."
        action={onGo && { label: "Bind this workbook", onClick: () => onGo("bind") }}
      />
    );
  }
  return <ImportForm client={client} session={session} binding={binding} importer={importer} />;
}

function ImportForm({ client, session, binding, importer }: ImportPanelProps & { binding: WorkbookBinding }) {
  const styles = useStyles();
  const { serviceUrl } = session;
  const { run, start } = importer;
  const [versionId, setVersionId] = useState<string>();
  const [kind, setKind] = useState<ImportKind>("cost_lines");
  const [scenario, setScenario] = useState(FROM_FILE);
  const [file, setFile] = useState<File>();

  const versions = useList<Version>(
    () => fetchVersionsOfModel(client, serviceUrl, binding.model),
    [client, serviceUrl, binding.model],
  );
  const drafts = (versions.items ?? []).filter((v) => v.status === "draft");
  // The bound version when it is a draft, else the newest draft.
  const chosen =
    drafts.find((v) => v.id === versionId) ??
    drafts.find((v) => v.label === binding.version) ??
    [...drafts].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const scenarios = useList<string>(
    chosen === undefined
      ? undefined
      : () =>
          fetchMembers(
            client,
            { serviceUrl: serviceUrl || undefined, model: binding.model, version: chosen.label },
            "scenario",
          ),
    [client, serviceUrl, binding.model, chosen?.label],
  );

  const running = run.phase === "running";
  const noDrafts = versions.items !== undefined && drafts.length === 0;
  const importNow = () => {
    if (chosen === undefined || file === undefined) return;
    void start({
      versionId: chosen.id,
      versionLabel: chosen.label,
      kind,
      scenario: scenario === FROM_FILE ? undefined : scenario,
      file,
    });
  };

  return (
    <Section id="import-heading" title="Import a file">
      <Field
        label="Draft version"
        hint="Published versions never change, so files are imported into drafts only."
      >
        {/* Its list opens inside the pane's main landmark, not in a portal outside every landmark. */}
        <Dropdown
          inlinePopup
          className={styles.dropdown}
          disabled={running || drafts.length === 0}
          placeholder={versions.items ? "No draft to import into" : "Loading versions…"}
          value={chosen?.label ?? ""}
          selectedOptions={chosen ? [chosen.id] : []}
          onOptionSelect={(_e, data) => setVersionId(data.optionValue)}
        >
          {drafts.map((v) => (
            <Option key={v.id} value={v.id} text={v.label}>
              {v.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {noDrafts && (
        <Notice intent="warning">
          <MessageBarBody>
            {binding.model} has no draft: published versions cannot be imported into. Create a draft from one
            first.
          </MessageBarBody>
        </Notice>
      )}
      {versions.problem !== undefined && <ProblemBar problem={versions.problem} />}
      <Field label="The file holds">
        <RadioGroup
          value={kind}
          disabled={running}
          onChange={(_e, data) => setKind(data.value as ImportKind)}
        >
          {KINDS.map((k) => (
            <Radio
              key={k.value}
              value={k.value}
              label={
                <>
                  {k.label} <Caption1 className={styles.secondary}>({k.hint})</Caption1>
                </>
              }
            />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Scenario" hint="For rows that name none.">
        <Dropdown
          inlinePopup
          className={styles.dropdown}
          disabled={running || chosen === undefined}
          value={scenario === FROM_FILE ? "As the file says" : scenario}
          selectedOptions={[scenario]}
          onOptionSelect={(_e, data) => setScenario(data.optionValue ?? FROM_FILE)}
        >
          <Option value={FROM_FILE} text="As the file says">
            As the file says
          </Option>
          {(scenarios.items ?? []).map((name) => (
            <Option key={name} value={name}>
              {name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="File" hint="CSV or Excel workbook (.xlsx), with a header row.">
        {(fieldProps) => (
          <input
            {...fieldProps}
            className={styles.file}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={running}
            onChange={(event) => setFile(event.target.files?.[0])}
          />
        )}
      </Field>
      <Actions>
        <Button
          appearance="primary"
          disabled={running || chosen === undefined || file === undefined}
          onClick={importNow}
        >
          Import
        </Button>
        {running && run.progress === undefined && <Spinner size="tiny" label="Sending the file…" />}
      </Actions>
      {running && <RunningImport run={run} />}
      <ImportOutcome run={run} />
    </Section>
  );
}

function RunningImport({ run }: { run: Extract<ImportState["run"], { phase: "running" }> }) {
  const { progress } = run;
  const total = progress?.bytesTotal ?? 0;
  const value = progress === undefined || total === 0 ? 0 : Math.min(1, progress.bytesRead / total);
  let text = "Waiting for the service to start reading";
  if (progress !== undefined) {
    text = `${progress.rowsRead.toLocaleString()} ${progress.rowsRead === 1 ? "row" : "rows"} read`;
    if (progress.badRows > 0) text += ` · ${progress.badRows.toLocaleString()} with problems`;
    if (progress.status === "discarding") text += " · nothing will be imported";
  }
  return (
    <Field
      label={`Importing ${run.filename}`}
      validationState="none"
      validationMessage={
        <span aria-live="polite" data-testid="import-progress">
          {text}
        </span>
      }
    >
      <ProgressBar value={value} thickness="large" />
    </Field>
  );
}
