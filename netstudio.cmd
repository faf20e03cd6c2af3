@echo off
rem NetStudio launcher for Windows. No arguments: opens the window. Any argument: runs the command
rem line (netstudio --help). Builds the project first when app\target has no runnable classpath or a
rem source is newer than the last build, showing what the build does (launcher\BuildProgress.java).
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

set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"

call :check
if "%STATE%"=="ok" goto run

where mvn >nul 2>nul || (
  echo netstudio: Maven ^(mvn^) is needed to build NetStudio; install it or put it on PATH. 1>&2
  exit /b 1
)
rem NETSTUDIO_MAVEN_REPO chooses the local Maven repository (as -Dmaven.repo.local in MAVEN_OPTS does).
set "REPO=%USERPROFILE%\.m2\repository"
set "REPO_ARG="
if defined NETSTUDIO_MAVEN_REPO (
  set "REPO=%NETSTUDIO_MAVEN_REPO%"
  set REPO_ARG="-Dmaven.repo.local=%NETSTUDIO_MAVEN_REPO%"
)
set "BUILD_LOG=%TEMP%\netstudio-build-%RANDOM%.log"
rem launcher\BuildProgress.java shows the build's steps, downloads and time on stderr: one line redrawn
rem in a console, a line per step when stderr is redirected.
set "TTY=--tty --width 80"
for /f "usebackq delims=" %%W in (`powershell -NoProfile -Command "if ([Console]::IsErrorRedirected) { 'pipe' } else { [Console]::WindowWidth }"`) do (
  if "%%W"=="pipe" (set "TTY=") else (set "TTY=--tty --width %%W")
)
if exist "%REPO%\ai\djl\pytorch" (
  rem Usually everything is in the local repository: offline first, online only for what is missing.
  echo netstudio: building NetStudio ^(mvn install -DskipTests, offline^)... 1>&2
  call :build -o ""
) else (
  echo netstudio: first build: downloading NetStudio's dependencies from Maven Central into %REPO% ^(about 375 MB, once^), then compiling; this takes a few minutes. 1>&2
  call :build "" "--expect-mb 375"
)
if "%BUILD_STATUS%"=="3" (
  echo netstudio: some dependencies are not in %REPO% yet; downloading them from Maven Central... 1>&2
  call :build "" ""
)
if not "%BUILD_STATUS%"=="0" (
  echo netstudio: Maven's whole output is in %BUILD_LOG% 1>&2
  exit /b 1
)
del "%BUILD_LOG%" >nul 2>nul
call :check
if not "%STATE%"=="ok" (
  echo netstudio: the build did not produce a runnable %TARGET%\classpath.txt 1>&2
  exit /b 1
)

:run
rem NETSTUDIO_JAVA_OPTS adds JVM options, e.g. set NETSTUDIO_JAVA_OPTS=-Xmx8g
"%JAVA%" %NETSTUDIO_JAVA_OPTS% -Dai.djl.offline=true "@%ARGS_FILE%" org.netstudio.app.launch.Launcher %*
exit /b %ERRORLEVEL%

rem Runs mvn install (%~1: -o or nothing) through launcher\BuildProgress.java (%~2: more of its options);
rem BUILD_STATUS is 0 when built, 3 when offline and something is not downloaded yet, 1 otherwise.
:build
mvn -f "%ROOT%\pom.xml" -Dstyle.color=never -DskipTests %REPO_ARG% %~1 install 2>&1 | "%JAVA%" "%ROOT%\launcher\BuildProgress.java" --log "%BUILD_LOG%" %TTY% %~2
set "BUILD_STATUS=%ERRORLEVEL%"
exit /b 0

rem Sets STATE=ok and writes the java argument file when app\target holds a runnable classpath that is
rem newer than every pom and main source; otherwise STATE=stale.
:check
set "STATE=stale"
for /f "usebackq delims=" %%S in (`powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$root = $env:ROOT; $target = $env:TARGET; $cpFile = Join-Path $target 'classpath.txt';" ^
  "$classes = Join-Path $target 'classes';" ^
  "if (-not (Test-Path $cpFile) -or -not (Test-Path (Join-Path $classes 'org\netstudio\app\launch\Launcher.class'))) { 'stale'; exit };" ^
  "$stamp = (Get-Item $cpFile).LastWriteTime; $entries = (Get-Content -Raw $cpFile).Trim().Split(';');" ^
  "if ($entries | Where-Object { $_ -and -not (Test-Path $_) }) { 'stale'; exit };" ^
  "$dirs = 'netgraph','engine-bridge','canvas','inspector','trainer','assets','app','docs' | ForEach-Object { Join-Path $root $_ };" ^
  "$newer = @(Get-Item (Join-Path $root 'pom.xml')) + @(Get-ChildItem -Path $dirs -Recurse -File -ErrorAction SilentlyContinue | Where-Object { $_.FullName -notlike '*\target\*' -and ($_.Name -eq 'pom.xml' -or $_.FullName -like '*\src\main\*' -or $_.FullName -like '*\docs\*.md') }) | Where-Object { $_.LastWriteTime -gt $stamp };" ^
  "if ($newer) { 'stale'; exit };" ^
  "$q = [char]34; $cp = (@($classes) + $entries) -join ';';" ^
  "Set-Content -Encoding Default -Path $env:ARGS_FILE -Value ('-cp ' + $q + $cp.Replace('\', '\\') + $q); 'ok'"`) do set "STATE=%%S"
exit /b 0
