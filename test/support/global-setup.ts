import { setup } from "./global-postgres";

export default setup;
