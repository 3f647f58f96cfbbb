-- Seed data, included by schema.sql with \ir (relative to the including file).
insert into customers (email, name) values
  ('ada@example.com', 'Ada'),
  ('grace@example.com', 'Grace');

insert into orders (customer_id, total_cents)
select c.id, 1000 * g from customers c, generate_series(1, 3) g;
