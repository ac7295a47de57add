import {
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import { MemberPicker, type MemberSource } from "../components/MemberPicker";
import { OutcomeMessage, type Outcome } from "../components/OutcomeMessage";
import { Section, stack } from "../components/Section";
import { selectedRangeAddress, writeToActiveCell } from "../excel/cells";
import { argumentLabel, type ArgumentSpec, type FormulaSpec } from "../../contract/formulas";
import type { ListDimension } from "../../contract/query";
import { argumentProblem, formulaText } from "../formulas/formula-text";
import { previewQuery } from "../formulas/preview";
import { useActiveCell } from "../state/use-active-cell";
import { usePreview, type Preview } from "../state/use-preview";

const useStyles = makeStyles({
  // minWidth 0: a field lays its content out in a grid, whose items otherwise keep the text box's natural width.
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "start", minWidth: "0" },
  grow: { minWidth: "0", flexGrow: 1 },
  full: { minWidth: "0", width: "100%" },
  preview: {
    display: "block",
    margin: 0,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
  previewBlock: stack(tokens.spacingVerticalXXS),
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  fields: stack(tokens.spacingVerticalM),
});

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface ArgumentFieldProps {
  argument: ArgumentSpec;
  value: string;
  onChange(value: string): void;
  showProblem: boolean;
  /** Insert was pressed: every field says what is wrong with it. */
  tried: boolean;
  source: MemberSource;
  /** The values of the formula's arguments by name (a list may depend on another argument). */
  values: Record<string, string>;
}

function ArgumentField({
  argument,
  value,
  onChange,
  showProblem,
  tried,
  source,
  values,
}: ArgumentFieldProps) {
  const styles = useStyles();
  const [selectionProblem, setSelectionProblem] = useState<string>();
  const problem = showProblem ? argumentProblem(argument, value) : undefined;
  const field = {
    label: argument.optional ? `${argumentLabel(argument)} (optional)` : argumentLabel(argument),
    hint: argument.hint,
    required: !argument.optional,
  };
  const validation = {
    validationMessage: problem ?? selectionProblem,
    validationState:
      problem !== undefined || selectionProblem !== undefined ? ("error" as const) : ("none" as const),
  };
  switch (argument.kind) {
    case "version":
      return (
        <MemberPicker
          label={field.label}
          argument={argument}
          source={source}
          dimensions={[]}
          value={value}
          onChange={onChange}
          showProblem={tried}
        />
      );
    case "member":
    case "period": {
      const listFrom = argument.kind === "member" ? argument.listFrom : undefined;
      const chosen = listFrom === undefined ? undefined : (values[listFrom] as ListDimension);
      const dimensions = chosen && argument.lists.includes(chosen) ? [chosen] : argument.lists;
      return (
        <MemberPicker
          label={field.label}
          argument={argument}
          source={source}
          dimensions={dimensions}
          value={value}
          onChange={onChange}
          showProblem={tried}
        />
      );
    }
    case "choice":
      return (
        <Field {...field} {...validation}>
          {/* Its list opens inside the pane's main landmark, not in a portal outside every landmark. */}
          <Dropdown
            inlinePopup
            className={styles.full}
            placeholder={argument.optional ? "Default" : "Choose"}
            value={value}
            selectedOptions={value === "" ? [] : [value]}
            onOptionSelect={(_e, data) => onChange(data.optionValue ?? "")}
          >
            {argument.optional && (
              <Option value="" text="Default">
                Default
              </Option>
            )}
            {argument.choices.map((choice) => (
              <Option key={choice} value={choice}>
                {choice}
              </Option>
            ))}
          </Dropdown>
        </Field>
      );
    case "range": {
      const takeSelection = () =>
        selectedRangeAddress().then(
          (address) => {
            setSelectionProblem(undefined);
            onChange(address);
          },
          (error: unknown) => setSelectionProblem(`The selection cannot be read: ${message(error)}`),
        );
      return (
        <Field {...field} {...validation}>
          {(props) => (
            <div className={styles.row}>
              <Input
                {...props}
                className={styles.grow}
                value={value}
                onChange={(_e, data) => onChange(data.value)}
                placeholder="e.g. B2:B13"
              />
              <Button
                onClick={() => void takeSelection()}
                aria-label={`Use selection for ${argumentLabel(argument).toLowerCase()}`}
              >
                Use selection
              </Button>
            </div>
          )}
        </Field>
      );
    }
    default:
      return (
        <Field {...field} {...validation}>
          <Input className={styles.full} value={value} onChange={(_e, data) => onChange(data.value)} />
        </Field>
      );
  }
}

/** The value the cell would show, before it is inserted. */
function PreviewLine({ preview }: { preview: Preview }) {
  return (
    <Caption1 data-testid="formula-value" role="status">
      {preview.state === "asking"
        ? "Asking the cost model for the value…"
        : preview.state === "value"
          ? `Shows ${preview.text} now.`
          : `Would show ${preview.text}`}
    </Caption1>
  );
}

export interface FormulaBuilderProps {
  entry: FormulaSpec;
  client: CostModelClient;
  binding: WorkbookBinding | undefined;
  onBack(): void;
}

/** Builds one ITFM formula argument by argument and writes it into the active cell. */
export function FormulaBuilder({ entry, client, binding, onBack }: FormulaBuilderProps) {
  const styles = useStyles();
  const [texts, setTexts] = useState<string[]>(() => entry.arguments.map(() => ""));
  const [tried, setTried] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const source = useMemo(() => ({ client, binding }), [client, binding]);
  const target = useActiveCell();
  const values = Object.fromEntries(entry.arguments.map((argument, i) => [argument.name, texts[i]]));
  const problems = entry.arguments.map((argument, i) => argumentProblem(argument, texts[i]));
  const ready = problems.every((problem) => problem === undefined);
  const preview = usePreview(client, binding, ready ? previewQuery(entry, texts) : undefined);

  const fields = useRef<HTMLDivElement>(null);
  const [refused, setRefused] = useState(0);
  // A refused insert takes the keyboard to the first field that says what is wrong.
  useEffect(() => {
    if (refused > 0) fields.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  const insert = async () => {
    setTried(true);
    setOutcome(undefined);
    if (!ready) {
      setRefused((count) => count + 1);
      return;
    }
    try {
      const address = await writeToActiveCell((sheet) => formulaText(entry, texts, sheet));
      setOutcome({ ok: true, text: `Inserted into ${address}.` });
    } catch (error) {
      setOutcome({ ok: false, text: `The formula could not be written: ${message(error)}` });
    }
  };

  return (
    <Section id="builder-heading" title={`Build ITFM.${entry.name}`} focusOnMount>
      <Text size={200}>{entry.summary}</Text>
      <div ref={fields} className={styles.fields}>
        {entry.arguments.map((argument, i) => (
          <ArgumentField
            key={argument.name}
            argument={argument}
            value={texts[i]}
            showProblem={tried || texts[i] !== ""}
            tried={tried}
            onChange={(text) => setTexts((current) => current.map((t, j) => (j === i ? text : t)))}
            source={source}
            values={values}
          />
        ))}
      </div>
      <div className={styles.previewBlock}>
        <Caption1 id="formula-preview-label">Formula</Caption1>
        <output
          className={styles.preview}
          aria-labelledby="formula-preview-label"
          aria-live="polite"
          data-testid="formula-preview"
        >
          {formulaText(entry, texts)}
        </output>
        {preview !== undefined && <PreviewLine preview={preview} />}
        <Caption1 data-testid="target-cell">
          {target === undefined ? "Goes into the active cell." : `Goes into ${target}, the active cell.`}
        </Caption1>
      </div>
      <OutcomeMessage outcome={outcome} />
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void insert()}>
          Insert into active cell
        </Button>
        <Button onClick={onBack}>Back to formulas</Button>
      </div>
    </Section>
  );
}
