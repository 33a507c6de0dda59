#!/usr/bin/env bash
# Builds the two stand-in packages our registry lacks into eng/feed (see README, "Bridged packages").
# nuget.config maps exactly these two ids to that folder. Safe to run again; quiet when up to date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
feed="$here/../feed"
mkdir -p "$feed"
for id in Patched.DistributedLock.Postgres IdentityModel; do
  proj="$here/$id/$id.csproj"
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$proj")
  if [ -f "$feed/${id,,}.$version.nupkg" ] || [ -f "$feed/$id.$version.nupkg" ]; then continue; fi
  echo "[feed] packing $id $version into eng/feed"
  dotnet restore "$proj" --configfile "$here/nuget.config" -v quiet -nologo >/dev/null
  dotnet pack "$proj" --no-restore -c Release -o "$feed" -v quiet -nologo >/dev/null
done
