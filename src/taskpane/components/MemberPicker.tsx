import { Caption1, Combobox, Field, makeStyles, Option, OptionGroup } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import { MEMBER_LISTS } from "../../contract/formulas";
import type { ListDimension } from "../../contract/query";
import { fetchMembers } from "../service/members";

const useStyles = makeStyles({
  combo: { minWidth: "0", width: "100%" },
});

/** Options listed per dimension at once: the search narrows the rest. */
const LISTED = 40;

/** Where the members come from: the client, and the model and version the workbook is bound to (if any). */
export interface MemberSource {
  client: CostModelClient;
  binding: WorkbookBinding | undefined;
}

export interface MemberPickerProps {
  source: MemberSource;
  label: string;
  hint: string;
  required: boolean;
  /** The lists searched, in this order. */
  dimensions: readonly ListDimension[];
  value: string;
  onChange(value: string): void;
}

type Lists = { dimension: ListDimension; names: string[] }[];

/** A searchable list of the bound model's members (MEMBERS queries); any name may also be typed. */
export function MemberPicker({
  source: { client, binding },
  label,
  hint,
  required,
  dimensions,
  value,
  onChange,
}: MemberPickerProps) {
  const styles = useStyles();
  const [lists, setLists] = useState<Lists>();
  const [problem, setProblem] = useState<string>();
  const dimensionKey = dimensions.join(",");

  useEffect(() => {
    setLists(undefined);
    setProblem(undefined);
    if (binding === undefined) return;
    let cancelled = false;
    const wanted = dimensionKey.split(",") as ListDimension[];
    // Asked together, the client sends them in one request.
    Promise.all(
      wanted.map(async (dimension) => ({ dimension, names: await fetchMembers(client, binding, dimension) })),
    ).then(
      (loaded) => !cancelled && setLists(loaded),
      (error: unknown) => !cancelled && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, binding, dimensionKey]);

  const shown = useMemo(() => {
    const needle = value.trim().toLowerCase();
    const exact = lists?.some((list) => list.names.includes(value)) ?? false;
    return (lists ?? [])
      .map(({ dimension, names }) => ({
        dimension,
        names: (needle === "" || exact
          ? names
          : names.filter((name) => name.toLowerCase().includes(needle))
        ).slice(0, LISTED),
      }))
      .filter((list) => list.names.length > 0);
  }, [lists, value]);

  const note =
    binding === undefined
      ? "Bind the workbook to pick from the model, or type a name."
      : (problem ?? (lists === undefined ? "Loading the model's members…" : hint));
  const grouped = shown.length > 1;

  return (
    <Field label={label} hint={<Caption1>{note}</Caption1>} required={required}>
      <Combobox
        className={styles.combo}
        freeform
        placeholder="Type to search"
        value={value}
        selectedOptions={value === "" ? [] : [value]}
        onChange={(event) => onChange(event.target.value)}
        onOptionSelect={(_e, data) => onChange(data.optionText ?? "")}
      >
        {shown.map(({ dimension, names }) => {
          const options = names.map((name) => (
            <Option key={`${dimension}:${name}`} value={name}>
              {name}
            </Option>
          ));
          return grouped ? (
            <OptionGroup key={dimension} label={MEMBER_LISTS[dimension]}>
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
