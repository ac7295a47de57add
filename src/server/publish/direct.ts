import type { MemberIndex } from "./members";
import type { DirectNamer } from "./ledger";

/**
 * Cost can reach a consumer without passing a service (a cloud line tagged with its business unit
 * goes from its tower straight to the consumer), or a service without passing a tower. So that the
 * towers and the services each still hold all the money, such cost passes a member of its own there,
 * "Direct from Compute": the allocation's results list it as a tower or a service with its cost and
 * what it passes to each consumer. A model's own member of that name keeps it: the direct one then
 * takes " (direct)" after it.
 */
export function directNamer(members: MemberIndex): DirectNamer {
  const names = new Map<string, string>();
  return (dimension, from) => {
    const key = `${dimension}\u0000${from}`;
    let name = names.get(key);
    if (name === undefined) {
      name = `Direct from ${from}`;
      while (members.has(dimension, name)) name = `${name} (direct)`;
      names.set(key, name);
    }
    return name;
  };
}
