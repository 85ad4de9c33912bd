# Appraise — the two commands: `make run` and `make test`.
.PHONY: run test bench build release migrate demo routes contract clean-db

run:        ## bootstrap a private PostgreSQL (if DATABASE_URL is unset), migrate, load the demo trust, serve on :8080
	bash scripts/run.sh

test:       ## throwaway PostgreSQL; unit, integration, HTTP and contract (schemathesis) tests
	bash scripts/test.sh

bench:      ## seed 100 trusts, 1,000,000 employments (BENCH_TRUSTS=1: one trust, 5,000); wrk and pgbench figures
	bash scripts/bench.sh

build:
	swift build

release:
	swift build -c release --product appraise

routes: build
	.build/debug/appraise routes

clean-db:   ## delete the private development cluster
	bash scripts/pg.sh destroy dev
