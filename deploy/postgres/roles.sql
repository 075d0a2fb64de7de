-- Roles and database of the SmartFactory system, run once on the primary as postgres (idempotent):
--   sudo -u postgres psql -v app_password='…' -v replication_password='…' -f deploy/postgres/roles.sql
-- smartfactory owns the database (the nodes and the migrate command use it); replicator only streams WAL.
SELECT format('CREATE ROLE smartfactory LOGIN PASSWORD %L', :'app_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'smartfactory') \gexec
SELECT format('CREATE ROLE replicator LOGIN REPLICATION PASSWORD %L', :'replication_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'replicator') \gexec
SELECT 'CREATE DATABASE smartfactory OWNER smartfactory ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'smartfactory') \gexec
