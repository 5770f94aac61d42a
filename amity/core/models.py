"""Core holds no tables: the audit log moved to ``amity.members`` (its entries key on the
group, the tenant). Its migrations stay, as the history of ``core_auditentry``."""
