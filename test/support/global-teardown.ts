import { teardown } from "./global-postgres";

export default teardown;
