-- Tenants, people and their access.
CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name text NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, email)
);

-- Only the SHA-256 of a token is stored; the token itself is shown once when issued.
CREATE TABLE tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id),
  token_hash text NOT NULL UNIQUE,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz
);

-- Models and their versions. A published version never changes.
CREATE TABLE models (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name text NOT NULL,
  currency char(3) NOT NULL,
  fiscal_year_start_month smallint NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);

CREATE TABLE versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  model_id uuid NOT NULL REFERENCES models(id),
  label text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  -- Bumped by every write to a draft; the ETag of a version is derived from it (optimistic concurrency).
  revision integer NOT NULL DEFAULT 1,
  based_on uuid REFERENCES versions(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  published_at timestamptz,
  published_by uuid REFERENCES users(id),
  UNIQUE (model_id, label)
);
CREATE INDEX versions_tenant ON versions (tenant_id, model_id);

-- Dimension members; parent is the name of a member of the same dimension in the same version.
CREATE TABLE members (
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  dimension text NOT NULL CHECK (dimension IN ('account', 'pool', 'tower', 'service', 'consumer', 'driver')),
  name text NOT NULL,
  parent text,
  attributes jsonb NOT NULL DEFAULT '{}',
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (version_id, dimension, name)
);

CREATE TABLE scenarios (
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  name text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (version_id, name)
);

-- Imports: one row per accepted file; its rows reference it so an import can be traced.
CREATE TABLE imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  kind text NOT NULL,
  filename text NOT NULL DEFAULT '',
  row_count integer NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Facts. Periods are months 'YYYY-MM'; amounts are exact decimals.
CREATE TABLE cost_lines (
  id bigserial PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  pool text NOT NULL,
  account text,
  tower text,
  service text,
  consumer text,
  period char(7) NOT NULL,
  scenario text NOT NULL,
  amount numeric NOT NULL,
  description text,
  import_id uuid REFERENCES imports(id) ON DELETE SET NULL
);
CREATE INDEX cost_lines_version ON cost_lines (version_id, scenario, period);

CREATE TABLE driver_quantities (
  id bigserial PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  driver text NOT NULL,
  member text NOT NULL,
  period char(7) NOT NULL,
  scenario text NOT NULL,
  quantity numeric NOT NULL,
  import_id uuid REFERENCES imports(id) ON DELETE SET NULL
);
CREATE INDEX driver_quantities_version ON driver_quantities (version_id, scenario, period);

CREATE TABLE allocation_rules (
  id bigserial PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  position integer NOT NULL,
  stage text NOT NULL,
  source text NOT NULL,
  method text NOT NULL CHECK (method IN ('driver', 'percent', 'even')),
  driver text,
  targets jsonb NOT NULL
);

-- Results computed by the engine when a version is published (monthly grain; longer periods are sums).
-- Cost of a member after the allocation stage that assigns it (pools, towers, services, consumers, accounts).
CREATE TABLE member_costs (
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  dimension text NOT NULL,
  member text NOT NULL,
  period char(7) NOT NULL,
  scenario text NOT NULL,
  amount numeric NOT NULL,
  PRIMARY KEY (version_id, dimension, member, scenario, period)
);

-- What each pool, tower or service member passes to each consumer; per member it adds up to the cent.
CREATE TABLE allocation_results (
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  dimension text NOT NULL,
  member text NOT NULL,
  consumer text NOT NULL,
  period char(7) NOT NULL,
  scenario text NOT NULL,
  amount numeric NOT NULL,
  PRIMARY KEY (version_id, dimension, member, consumer, scenario, period)
);

CREATE TABLE unit_rates (
  version_id uuid NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
  service text NOT NULL,
  period char(7) NOT NULL,
  scenario text NOT NULL,
  cost numeric NOT NULL,
  quantity numeric NOT NULL,
  PRIMARY KEY (version_id, service, scenario, period)
);

-- Append-only: who changed what, when.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  tenant_id uuid REFERENCES tenants(id),
  user_id uuid REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
