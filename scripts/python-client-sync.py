"""Issue 16 §6: the Python client generated from openapi.yaml imports whole and runs a staff sync.

Usage: python-client-sync.py CLIENT_DIR BASE_URL API_KEY (the key needs staff:write).
"""
import importlib, pkgutil, sys, uuid

folder, base, key = sys.argv[1:4]
sys.path.insert(0, folder)
import appraise_client.api  # noqa: E402
from appraise_client import AuthenticatedClient  # noqa: E402
from appraise_client.api.integration import sync_staff  # noqa: E402
from appraise_client.models import StaffSyncRequest, StaffSyncReport  # noqa: E402

modules = [m.name for m in pkgutil.walk_packages(appraise_client.api.__path__, "appraise_client.api.")]
for name in modules:
    importlib.import_module(name)  # every operation's module imports (update_trust did not, once)

run = uuid.uuid4().hex[:8]
body = StaffSyncRequest.from_dict({
    "units": [{"external_id": f"py-{run}-U", "name": "Python client school", "kind": "central_team"}],
    "people": [{"external_id": f"py-{run}-P{i}", "given_name": "Py", "family_name": f"Client{i}"} for i in range(5)],
    "employments": [{"external_id": f"py-{run}-E{i}", "person_external_id": f"py-{run}-P{i}",
                     "unit_external_id": f"py-{run}-U", "staff_group": "central", "job_title": "Officer",
                     "start_date": "2025-09-01"} for i in range(5)],
})
client = AuthenticatedClient(base_url=base, token=key)
first = sync_staff.sync(client=client, body=body)
again = sync_staff.sync(client=client, body=body)
assert isinstance(first, StaffSyncReport) and first.summary.created == 11, first
assert isinstance(again, StaffSyncReport) and again.summary.unchanged == 11, again
print(f"{len(modules)} client modules imported; sync created {first.summary.created}, "
      f"then {again.summary.unchanged} unchanged")
