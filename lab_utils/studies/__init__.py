"""The numbers behind the chapters: one module of pure, deterministic functions per study."""
