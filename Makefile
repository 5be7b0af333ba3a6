# DeviceWatch: two commands do all set-up on a fresh Debian machine.
#   make demo   installs what is missing, builds, and analyses the bundled lab capture
#   make test   installs what is missing (incl. the servers the tests talk to), builds, runs every test
SHELL := /bin/bash
.DEFAULT_GOAL := demo

DOTNET    ?= dotnet
CONFIG    ?= Release
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CLI       := artifacts/bin/DeviceWatch/$(shell echo $(CONFIG) | tr A-Z a-z)/devicewatch.dll
DEMO_PCAP := captures/demo-lab.pcapng
DEMO_OUT  ?= devicewatch-out

# What each target needs from Debian.
DEMO_DEBS := libpcap0.8 tshark
TEST_DEBS := libpcap0.8 tshark tcpdump openssl curl nginx mosquitto mosquitto-clients iproute2 iptables chromium

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: demo test build deps-demo deps-test check-dotnet clean bench

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing with apt-get:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

check-dotnet:
	@command -v $(DOTNET) >/dev/null || { echo "The .NET 10 SDK is required (dotnet not on PATH)."; exit 1; }

deps-demo:
	$(call apt_install,$(DEMO_DEBS))

deps-test:
	$(call apt_install,$(TEST_DEBS))

build: check-dotnet
	$(DOTNET) build DeviceWatch.sln -c $(CONFIG) -nologo -clp:ErrorsOnly

demo: deps-demo build
	$(DOTNET) $(CLI) analyze $(DEMO_PCAP) --out $(DEMO_OUT)

test: deps-test build
	@bash .ci/test-summary.sh $(DOTNET) $(CONFIG)

bench: deps-test build
	bash bench/run.sh

clean:
	rm -rf artifacts $(DEMO_OUT)
