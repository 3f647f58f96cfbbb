-- An example schema: run it with a prepare request (see the README).
create table customers (
  id    bigint generated always as identity primary key,
  email text not null unique,
  name  text not null
);

create table orders (
  id          bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  total_cents integer not null check (total_cents >= 0),
  created_at  timestamptz not null default now()
);

\ir data.sql
