@echo off
rem NetStudio launcher for Windows. No arguments: opens the window. Any argument: runs the command
rem line (netstudio --help). Builds the project first when app\target has no runnable classpath or a
rem source is newer than the last build.
setlocal EnableExtensions

set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "TARGET=%ROOT%\app\target"
rem The classpath goes to java as an argument file: a batch variable or command line caps it at 8191 characters.
set "ARGS_FILE=%TARGET%\classpath.args"

rem DJL must never phone home: no tracking probe, no downloads (DESIGN.md).
set "OPT_OUT_TRACKING=true"
set "DJL_OFFLINE=true"
rem PyTorch's OpenMP threads spin while idle unless told otherwise; on a busy machine that cost
rem training throughput ninefold (engine-bridge sets this itself through libc on Linux and macOS).
if not defined OMP_WAIT_POLICY set "OMP_WAIT_POLICY=PASSIVE"

call :check
if "%STATE%"=="ok" goto run

where mvn >nul 2>nul || (
  echo netstudio: Maven ^(mvn^) is needed to build NetStudio; install it or put it on PATH. 1>&2
  exit /b 1
)
echo netstudio: building ^(mvn install -DskipTests^)... 1>&2
rem Offline first (everything is usually in the local repository); online only when something is missing.
rem Maven's output goes to stderr so that CLI output on stdout stays clean.
call mvn -q -o -f "%ROOT%\pom.xml" -DskipTests install 1>&2
if errorlevel 1 (
  echo netstudio: offline build failed; retrying online... 1>&2
  call mvn -q -f "%ROOT%\pom.xml" -DskipTests install 1>&2
  if errorlevel 1 exit /b 1
)
call :check
if not "%STATE%"=="ok" (
  echo netstudio: the build did not produce a runnable %TARGET%\classpath.txt 1>&2
  exit /b 1
)

:run
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
rem NETSTUDIO_JAVA_OPTS adds JVM options, e.g. set NETSTUDIO_JAVA_OPTS=-Xmx8g
"%JAVA%" %NETSTUDIO_JAVA_OPTS% -Dai.djl.offline=true "@%ARGS_FILE%" org.netstudio.app.Launcher %*
exit /b %ERRORLEVEL%

rem Sets STATE=ok and writes the java argument file when app\target holds a runnable classpath that is
rem newer than every pom and main source; otherwise STATE=stale.
:check
set "STATE=stale"
for /f "usebackq delims=" %%S in (`powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$root = $env:ROOT; $target = $env:TARGET; $cpFile = Join-Path $target 'classpath.txt';" ^
  "$classes = Join-Path $target 'classes';" ^
  "if (-not (Test-Path $cpFile) -or -not (Test-Path (Join-Path $classes 'org\netstudio\app\Launcher.class'))) { 'stale'; exit };" ^
  "$stamp = (Get-Item $cpFile).LastWriteTime; $entries = (Get-Content -Raw $cpFile).Trim().Split(';');" ^
  "if ($entries | Where-Object { $_ -and -not (Test-Path $_) }) { 'stale'; exit };" ^
  "$dirs = 'netgraph','engine-bridge','canvas','inspector','trainer','assets','app' | ForEach-Object { Join-Path $root $_ };" ^
  "$newer = @(Get-Item (Join-Path $root 'pom.xml')) + @(Get-ChildItem -Path $dirs -Recurse -File -ErrorAction SilentlyContinue | Where-Object { $_.FullName -notlike '*\target\*' -and ($_.Name -eq 'pom.xml' -or $_.FullName -like '*\src\main\*') }) | Where-Object { $_.LastWriteTime -gt $stamp };" ^
  "if ($newer) { 'stale'; exit };" ^
  "$q = [char]34; $cp = (@($classes) + $entries) -join ';';" ^
  "Set-Content -Encoding Default -Path $env:ARGS_FILE -Value ('-cp ' + $q + $cp.Replace('\', '\\') + $q); 'ok'"`) do set "STATE=%%S"
exit /b 0
