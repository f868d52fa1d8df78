# podgrade: `make demo` and `make test` are the quick start; both set up what they need.
SWIFT ?= swift
BIN := .build/debug/podgrade
RELEASE_BIN := .build/release/podgrade

.PHONY: deps build release test demo lab schemas rules verify mutants bench fuzz clean dist dist-test oracle oracle-ci

deps:
	@bash .ci/deps.sh

build: deps
	@bash .ci/build-clean.sh $(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The whole suite, then the bundled course proves itself.
test: deps
	@bash .ci/build-clean.sh $(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(BIN) verify

# Grade the bundled sample learner repository (right and wrong answers).
# The sample fails some exercises on purpose, so its exit status 1 is expected here.
demo: build
	@$(BIN) check Tests/Fixtures/sample-learner; status=$$?; [ $$status -le 1 ] || exit $$status
	@echo
	@echo "(the same in English: $(BIN) check Tests/Fixtures/sample-learner --lang en)"

# For learners without Swift: a .deb and a tarball in dist/ (Swift runtime linked in).
dist: deps
	@SWIFT=$(SWIFT) bash .ci/dist.sh

# Installs dist/'s .deb (as root), runs it with the Swift toolchain hidden, removes it.
dist-test: dist
	@SWIFT=$(SWIFT) bash .ci/dist-test.sh

# A wheel of dist/'s binary for pip, pipx and pre-commit (py3-none-manylinux_GLIBC_FLOOR).
.PHONY: wheel
wheel: dist
	@python3 .ci/dist-wheel.py
dist-test: wheel

# The batch image of deploy/kubernetes/ (FROM scratch: dist/'s binary, glibc, CA certificates, user 65532).
IMAGE ?=
.PHONY: image
image: dist
	@bash .ci/dist-image.sh $(IMAGE)

# Re-embed exercises/ and solutions/ into the binary after editing them.
lab:
	python3 .ci/embed-lab.py
	swift run PodGradeLabImages Sources/PodGradeLab/BundledLabImages.swift

# Regenerate the Kubernetes schema table from .ci/k8s-schemas/ (see SOURCES.md there).
schemas:
	python3 .ci/gen-k8s-schemas.py

# After adding or removing a file Sources/PodGradeCore/Rules/<Name>Rule.swift.
rules:
	.ci/gen-rules.sh

verify: build
	$(BIN) verify

# Mutants of each solution that fail exactly one check: candidates for exercises/<slug>/wrong/.
mutants: build
	$(BIN) verify --propose-mutants

bench: deps
	bash bench/run.sh

fuzz: deps
	bash bench/fuzz.sh $(SECONDS_TO_FUZZ)

clean:
	rm -rf .build

# Hold the Pod model to reality: Pods run with podman (installed when missing) and compared
# with the model's predictions. ORACLE_PODS generated Pods plus the lab's runnable cases.
ORACLE_PODS ?= 300
oracle: deps
	SWIFT=$(SWIFT) bash .ci/oracle.sh --pods $(ORACLE_PODS)

# The CI sample: 40 generated Pods and the lab's runnable cases. Any disagreement not listed
# in bench/oracle-limits.tsv fails it, and so does a probe that fails on a right answer or on
# no wrong case.
oracle-ci: deps
	SWIFT=$(SWIFT) bash .ci/oracle.sh --pods 40 --strict
