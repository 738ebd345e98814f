-- A ticket's category (问题分类, its levels joined by '-': 城乡建设-物业管理-物业服务) and address
-- (事发地址) when the export has them (issue 18: hotspots, repeat-warning keys). Null for lists
-- without these columns; a later list without them leaves them as they are.
alter table tickets add column category text;
alter table tickets add column address text;
