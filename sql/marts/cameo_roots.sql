-- cameo_roots: the twenty CAMEO root codes, with GDELT's QuadClass and the Goldstein score, so
-- GDELT-style indices (sums of Goldstein scores, counts by quad class) can be computed on events.
-- grain: one row per CAMEO root code (cameo_root, '01'-'20').
-- tests: cameo_roots_unique
-- QuadClass as GDELT codes it: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
-- 3 verbal conflict (09-13), 4 material conflict (14-20). Goldstein scores of the root codes from
-- the CAMEO codebook's scale (Schrodt 2012; Goldstein 1992), -10 most conflictual to +10.
select cameo_root, cameo_name, quad_class::integer as quad_class, goldstein::double as goldstein
from (values
    ('01', 'make public statement', 1, 0.0),
    ('02', 'appeal', 1, 3.0),
    ('03', 'express intent to cooperate', 1, 4.0),
    ('04', 'consult', 1, 1.0),
    ('05', 'engage in diplomatic cooperation', 1, 3.5),
    ('06', 'engage in material cooperation', 2, 6.0),
    ('07', 'provide aid', 2, 7.0),
    ('08', 'yield', 2, 5.0),
    ('09', 'investigate', 3, -2.0),
    ('10', 'demand', 3, -5.0),
    ('11', 'disapprove', 3, -2.0),
    ('12', 'reject', 3, -4.0),
    ('13', 'threaten', 3, -6.0),
    ('14', 'protest', 4, -6.5),
    ('15', 'exhibit force posture', 4, -7.2),
    ('16', 'reduce relations', 4, -4.0),
    ('17', 'coerce', 4, -7.0),
    ('18', 'assault', 4, -9.0),
    ('19', 'fight', 4, -10.0),
    ('20', 'use unconventional mass violence', 4, -10.0)
) as roots (cameo_root, cameo_name, quad_class, goldstein)
order by cameo_root
