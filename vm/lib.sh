# Shared by the vm/ scripts (sourced, not run): messages, and the one way a run ends without booting.
#
# Every line the harness prints starts with "vm: ". A run that cannot happen on this machine ends
# with one line that says what is missing (skip), and exit code 0; where absence must be fatal
# (JSOCK_VM_REQUIRED=true, or CI=true for what ./prereqs.sh installs), the same line is an error.

say() { echo "vm: $*"; }
die() { echo "vm: error: $*" >&2; exit 1; }

# skip INSTALLABLE WHY: ends the run, as a skip or, where it must run, as a failure.
# INSTALLABLE is true when ./prereqs.sh would have brought what is missing (then CI=true fails).
skip() {
  local installable=$1; shift
  if [ "${JSOCK_VM_REQUIRED:-false}" = true ] || { [ "$installable" = true ] && [ "${CI:-}" = true ]; }; then
    die "the guest tests cannot run: $*"
  fi
  echo "vm: SKIPPING the guest tests: $*"
  exit 0
}
