-- every source has one current state: a document, a reject, or a web archive read whole
select source_uri from source_state
group by source_uri
having count(*) > 1 or bool_or(state is null)
