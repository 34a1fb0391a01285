-- The read-only role QGIS users connect as (see docs/deploy.md, "QGIS").
-- Run once per database as a role allowed to create roles, for example:
--   psql "$ADMIN_URL" -v reader=qgis -v password="$READER_PASSWORD" -f deploy/qgis-reader.sql
-- then `python -m geo.store grant-reader` (the app re-grants whenever it remakes the views).
-- minedash_reader may read the views and nothing else: no table, no write.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'minedash_reader') THEN
    CREATE ROLE minedash_reader NOLOGIN;
  END IF;
END $$;
CREATE ROLE :"reader" LOGIN PASSWORD :'password' IN ROLE minedash_reader;
ALTER ROLE :"reader" SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE :"DBNAME" TO minedash_reader;
