-- every reject names its source and reason
select reject_id from rejects where source_uri is null or reason is null or message is null
