import { Caption1, Combobox, Field, Link, makeStyles, Option, OptionGroup } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState, type ReactElement } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import type { MemberArgument, PeriodArgument, VersionArgument } from "../../contract/formulas";
import type { ListDimension } from "../../contract/query";
import { closestName } from "../../contract/closest-name";
import { argumentProblem, isReference } from "../formulas/formula-text";
import { firstYear } from "../formulas/periods";
import { fetchLists, fetchVersionLists, type NamedList } from "../service/members";

const useStyles = makeStyles({
  combo: { minWidth: "0", width: "100%" },
});

/** Options listed per group at once: the search narrows the rest. */
const LISTED = 40;

/** Keys that move through the list: after one of them, Enter or Tab takes the option reached. */
const NAVIGATION = new Set(["ArrowDown", "ArrowUp", "PageDown", "PageUp", "Home", "End"]);

/** Where the members come from: the client, and the model and version the workbook is bound to (if any). */
export interface MemberSource {
  client: CostModelClient;
  binding: WorkbookBinding | undefined;
}

export interface MemberPickerProps {
  source: MemberSource;
  argument: MemberArgument | PeriodArgument | VersionArgument;
  label: string;
  /** The lists searched, in this order (a version argument lists the model's versions instead). */
  dimensions: readonly ListDimension[];
  value: string;
  onChange(value: string): void;
  /** Insert was pressed: say what is wrong even in a field not visited yet. */
  showProblem: boolean;
}

/** The names of `lists` equal to `text`, case aside (the first one). */
function knownSpelling(lists: NamedList[] | undefined, text: string): string | undefined {
  const wanted = text.trim().toLowerCase();
  for (const { names } of lists ?? []) {
    const found = names.find((name) => name.toLowerCase() === wanted);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A searchable list of the bound model's members (MEMBERS queries), or of its periods. What is typed
 * or pasted stays as it is: an option is taken only when picked (a click, or Enter after the arrows).
 */
export function MemberPicker({
  source: { client, binding },
  argument,
  label,
  dimensions,
  value,
  onChange,
  showProblem,
}: MemberPickerProps) {
  const styles = useStyles();
  const [lists, setLists] = useState<NamedList[]>();
  const [loadProblem, setLoadProblem] = useState<string>();
  // Left once (or picked): from then on its problems are said; while first typing they are not.
  const [visited, setVisited] = useState(false);
  const navigated = useRef(false);
  const dimensionKey = dimensions.join(",");

  useEffect(() => {
    setLists(undefined);
    setLoadProblem(undefined);
    if (binding === undefined) return;
    let cancelled = false;
    const load =
      argument.kind === "version"
        ? fetchVersionLists(client, binding)
        : fetchLists(client, binding, dimensionKey.split(",") as ListDimension[]);
    load.then(
      (loaded) => !cancelled && setLists(loaded),
      (error: unknown) =>
        !cancelled && setLoadProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, binding, dimensionKey, argument.kind]);

  const shown = useMemo(() => {
    const needle = value.trim().toLowerCase();
    const exact = knownSpelling(lists, value) !== undefined;
    return (lists ?? [])
      .map(({ label: heading, names }) => ({
        heading,
        names: (needle === "" || exact
          ? names
          : names.filter((name) => name.toLowerCase().includes(needle))
        ).slice(0, LISTED),
      }))
      .filter((list) => list.names.length > 0);
  }, [lists, value]);

  const year = firstYear(lists?.flatMap((list) => list.names) ?? []) ?? new Date().getFullYear();
  const problem = argumentProblem(argument, value, year);
  const checked = visited || showProblem;
  const known = knownSpelling(lists, value);
  const take = (text: string) => {
    onChange(text);
    setVisited(true);
  };

  let warning: string | ReactElement | undefined;
  if (checked && problem === undefined && lists !== undefined && value.trim() !== "" && known === undefined) {
    const all = lists.flatMap((list) => list.names);
    if (argument.kind === "period") {
      const months = all.filter((name) => /^\d{4}-\d{2}$/.test(name));
      if (!isReference(value) && months.length > 0) {
        warning = `The model has no figures for “${value.trim()}”: its months run from ${months[0]} to ${months[months.length - 1]}.`;
      }
    } else {
      const suggestion = closestName(value, all);
      warning = (
        <>
          “{value.trim()}” is not {argument.kind === "version" ? "a version of" : "in"} the model: the formula
          would show #N/A.
          {suggestion !== undefined && (
            <>
              {" "}
              Did you mean{" "}
              <Link as="button" inline onClick={() => take(suggestion)}>
                {suggestion}
              </Link>
              ?
            </>
          )}
        </>
      );
    }
  }

  const note =
    binding === undefined
      ? "Bind the workbook to pick from the model, or type a name."
      : (loadProblem ??
        (lists === undefined
          ? `Loading the model's ${argument.kind === "version" ? "versions" : "members"}…`
          : argument.hint));
  const grouped = shown.length > 1;
  const error = checked ? problem : undefined;

  return (
    <Field
      label={label}
      hint={<Caption1>{note}</Caption1>}
      required={!argument.optional}
      validationState={error !== undefined ? "error" : warning !== undefined ? "warning" : "none"}
      validationMessage={error ?? warning}
    >
      {/* Its list opens inside the pane's main landmark, not in a portal outside every landmark. */}
      <Combobox
        inlinePopup
        className={styles.combo}
        freeform
        disableAutoFocus
        // Tab goes on to the next field (the list opens with the arrows or a click), closing this list.
        expandIcon={{ tabIndex: -1 }}
        placeholder="Type to search"
        value={value}
        selectedOptions={known === value ? [value] : []}
        onKeyDown={(event) => {
          if (NAVIGATION.has(event.key)) navigated.current = true;
          else if (event.key !== "Enter" && event.key !== "Tab") navigated.current = false;
        }}
        onChange={(event) => {
          navigated.current = false;
          const text = event.target.value;
          onChange(text);
          // A problem already said goes as soon as it is mended; a new one waits for the field to be left.
          if (argumentProblem(argument, text, year) === undefined) setVisited(false);
        }}
        onBlur={(event) => {
          // The list is gone: an option it pointed at (while typing with the list closed) would not exist.
          event.currentTarget.removeAttribute("aria-activedescendant");
          setVisited(true);
          // The model's spelling of a name typed in other case: the same member, which the service then finds.
          if (known !== undefined && known !== value) onChange(known);
        }}
        onOptionSelect={(event, data) => {
          // Fluent also "selects" on Enter or Tab the option that starts like the text, and clears the
          // selection when the text matches none: neither is the user's choice, so the text stays.
          if (data.optionText === undefined) return;
          if (event.type === "keydown" && !navigated.current) return;
          take(data.optionText);
        }}
      >
        {shown.map(({ heading, names }) => {
          const options = names.map((name) => (
            <Option key={`${heading}:${name}`} value={name}>
              {name}
            </Option>
          ));
          return grouped ? (
            <OptionGroup key={heading} label={heading}>
              {options}
            </OptionGroup>
          ) : (
            options
          );
        })}
      </Combobox>
    </Field>
  );
}
