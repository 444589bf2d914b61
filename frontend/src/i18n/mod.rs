//! Every piece of interface text, Czech first and English second.
//!
//! Fixed texts are the [`T`] table: the `texts!` macro takes each key with both translations, so
//! a key without its English (or Czech) text does not compile. Texts with numbers or names in them
//! are the functions below the table; they format numbers and dates through [`shared::format`].
//! The documents' own text (goal targets, measure descriptions …) is data and stays Czech.

use shared::format::Lang;

mod live;
mod phrases;
pub use live::*;
pub use phrases::*;

macro_rules! texts {
    ($($key:ident => $cs:literal, $en:literal;)*) => {
        /// A fixed interface text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T {
            $($key,)*
        }

        impl T {
            /// Every key, for the completeness test.
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Cs => match self {
                        $(T::$key => $cs,)*
                    },
                    Lang::En => match self {
                        $(T::$key => $en,)*
                    },
                }
            }
        }
    };
}

texts! {
    // Layout.
    SkipToContent => "Přeskočit na obsah", "Skip to content";
    Brand => "PSZ Ostrava", "PSZ Ostrava";
    BrandTitle => "Plán sociálního začleňování Ostrava 2022–2027", "Ostrava Social Inclusion Plan 2022–2027";
    MainNav => "Hlavní navigace", "Main navigation";
    NavOverview => "Přehled", "Overview";
    NavIndicators => "Indikátory", "Indicators";
    NavBudget => "Rozpočet", "Budget";
    NavRisks => "Rizika", "Risks";
    NavTimeline => "Harmonogram", "Timeline";
    NavSearch => "Hledat", "Search";
    SearchLabel => "Hledat v plánu", "Search the plan";
    SearchPlaceholder => "oblast, cíl, opatření, realizátor", "area, goal, measure, implementer";
    SearchButton => "Hledat", "Search";
    NewSearch => "Nové hledání", "New search";
    TableWord => "tabulka", "table";
    LangSwitchText => "English", "Česky";
    LangSwitchLabel => "Switch to English", "Přepnout do češtiny";
    Breadcrumbs => "Drobečková navigace", "Breadcrumbs";
    FooterSources => "Údaje pocházejí z Akčního plánu I. (září 2022) a ze Zprávy o naplňování Plánu (2025). U každého údaje je uveden zdroj.",
        "Figures come from Action Plan I (September 2022) and the Implementation Report (2025). Every figure names its source.";
    FooterLanguage => "Texty dokumentů jsou uvedeny v češtině, tak jak byly zveřejněny.",
        "The documents' own text is shown in Czech, as published.";

    // States.
    Loading => "Načítání…", "Loading…";
    OfflineData => "offline — data z", "offline — data from";
    ErrorTitle => "Nepodařilo se načíst data", "Could not load the data";
    Retry => "Zkusit znovu", "Try again";
    NoData => "Bez dat", "No data";
    NothingYet => "Zatím žádné údaje.", "No figures yet.";
    Dash => "–", "–";

    // Not found.
    NotFoundTitle => "Stránka nenalezena", "Page not found";
    NotFoundText => "Adresa, kterou jste otevřeli, neexistuje nebo byla přesunuta.",
        "The address you opened does not exist or has moved.";
    NotFoundWhere => "Kam dál", "Where to go";
    BackToOverview => "Zpět na přehled šesti oblastí", "Back to the overview of the six areas";
    NotFoundSearchHint => "Zkuste opatření, cíl nebo realizátora vyhledat:", "Try searching for the measure, goal or implementer:";

    // Plan tree words.
    Area => "Oblast", "Area";
    Goal => "Cíl", "Goal";
    Areas => "Tematické oblasti", "Thematic areas";
    StrategicGoal => "Strategický cíl", "Strategic goal";
    StrategicGoals => "Strategické cíle", "Strategic goals";
    SpecificGoal => "Specifický cíl", "Specific goal";
    SpecificGoals => "Specifické cíle", "Specific goals";
    Measure => "Opatření", "Measure";
    Measures => "Opatření", "Measures";
    Implementers => "Realizátoři", "Implementers";
    TargetGroups => "Cílové skupiny", "Target groups";
    TargetGroup => "Cílová skupina", "Target group";
    TargetGroupPeople => "Lidé, pro které oblast je", "People the area is for";
    TargetGroupActors => "Aktéři, se kterými oblast pracuje", "Actors the area works with";
    Code => "Kód", "Code";
    Name => "Název", "Name";
    Status => "Stav", "Status";

    // Overview.
    OverviewLead => "Jak se daří plnit Plán sociálního začleňování: cíle, opatření a peníze v šesti tematických oblastech.",
        "How the Social Inclusion Plan is doing: goals, measures and money in six thematic areas.";
    LatestMonitoring => "Poslední monitorování", "Latest monitoring";
    PlanAtAGlance => "Plán v číslech", "The plan in figures";
    GoalsProgress => "Plnění specifických cílů", "Specific goals' progress";
    MeasureStatuses => "Stav opatření", "Measures' status";
    BudgetPlannedDrawn => "Rozpočet: plánováno a čerpáno", "Budget: planned and drawn";
    Conflicts => "Rozpory mezi zdroji", "Conflicts between sources";
    HeadlineChanges => "Hlavní pozitivní změny", "Headline positive changes";
    AreaDetails => "Detail oblasti", "Area details";
    HowProgress => "Plnění oblasti je průměr plnění jejích specifických cílů s daty (každý cíl nejvýše 100 %). Plnění cíle je poslední hodnota klíčového indikátoru vůči cílové hodnotě.",
        "An area's progress is the mean of its specific goals with data (each capped at 100%). A goal's progress is its key indicator's latest value against the target.";

    // Status and goal states.
    StatusNotImplemented => "Nerealizováno", "Not implemented";
    StatusInProgress => "V realizaci", "In progress";
    StatusCompleted => "Dokončeno", "Completed";
    StatusUnknown => "Stav neuveden", "No status reported";
    StateAchieved => "Splněno", "Achieved";
    StateOnTrack => "Na dobré cestě", "On track";
    StateBehind => "Pozadu", "Behind";
    StateNoData => "Bez dat", "No data";

    // Money.
    Planned => "Plánováno", "Planned";
    PlannedHint => "předpokládané náklady z karet opatření", "estimated costs on the measure cards";
    Allocated => "Alokováno (KPSV+)", "Allocated (KPSV+)";
    AllocatedHint => "Tabulka 6 Akčního plánu", "Action Plan, Table 6";
    Drawn => "Čerpáno", "Drawn";
    DrawnHint => "rozpočty projektů z výzev KPSV+ (příloha A zprávy)", "budgets of projects from KPSV+ calls (report annex A)";
    Total => "Celkem", "Total";

    // Area and goal pages.
    GoalDetails => "Detail cíle", "Goal details";
    Target => "Cílová hodnota", "Target";
    TargetStatement => "Cíl", "Target";
    ExpectedImpact => "Očekávaný dopad", "Expected impact";
    ImpactIndicators => "Indikátory dopadu", "Impact indicators";
    KeyIndicator => "klíčový indikátor", "key indicator";
    NotInPlan => "doplněn zprávou", "added by the report";
    Indicator => "Indikátor", "Indicator";
    MonitoringDate => "Datum", "Date";
    Value => "Hodnota", "Value";
    ValuesOverTime => "Hodnoty v čase", "Values over time";
    YearlySummary => "Shrnutí roku", "Yearly summary";
    Footnotes => "Poznámky", "Notes";
    Source => "Zdroj", "Source";
    Sources => "Zdroje", "Sources";
    NoIndicators => "Cíl nemá indikátory dopadu.", "The goal has no impact indicators.";
    NoMeasures => "Žádná opatření.", "No measures.";
    NoSummary => "Zpráva ke cíli neuvádí shrnutí.", "The report gives no summary for this goal.";
    PerYearTarget => "ročně", "per year";
    ExpectedMark => "očekáváno k datu", "expected by the date";
    GoalsOfStrategic => "Specifické cíle strategického cíle", "Specific goals of the strategic goal";
    DeclaredMeasures => "Počet opatření podle Akčního plánu", "Number of measures per the Action Plan";
    ProgressOfGoal => "Plnění", "Progress";
    // The meeting view (`/stul/…`).
    MeetingView => "Režim pro jednání", "Meeting view";
    MeetingBack => "Zpět na úplnou stránku", "Back to the full page";
    MeetingTargets => "Plnění cílových hodnot", "Progress toward the targets";
    MeetingMoneyOfMeasures => "Rozpočet opatření cíle: plánováno a čerpáno", "The goal's measures' budget: planned and drawn";
    LatestChanges => "Poslední změny", "Latest changes";
    NoChanges => "Zatím žádné datované změny.", "No dated changes yet.";
    OpenOnPhone => "Otevřít na telefonu", "Open on your phone";

    // Measure page.
    Description => "Popis opatření", "Description";
    ResponsibleBody => "Odpovědný subjekt", "Responsible body";
    Schedule => "Harmonogram", "Schedule";
    EstimatedCost => "Předpokládané náklady", "Estimated cost";
    CostApproximate => "přibližně", "approximately";
    CostSeeMeasure => "Náklady jsou zahrnuty v opatření", "The cost is included in measure";
    FundingSources => "Zdroje financování", "Funding sources";
    OutputIndicators => "Indikátory výstupu", "Output indicators";
    Links => "Vazba na další cíle", "Links to other goals";
    ServiceType => "Typ sociální služby / aktivita", "Social-service type / activity";
    Implementation => "Realizace", "Implementation";
    Implementer => "Realizátor", "Implementer";
    ProjectActivity => "Projektová aktivita", "Project activity";
    NonProjectActivity => "Neprojektová aktivita", "Non-project activity";
    Period => "Období", "Period";
    NotImplementedNote => "Opatření se zatím nerealizuje.", "The measure is not being implemented yet.";
    EuProjects => "Projekty z výzev KPSV+", "Projects from KPSV+ calls";
    NoProjects => "K opatření není evidován žádný projekt z výzev KPSV+.", "No project from the KPSV+ calls is recorded for this measure.";
    RegistrationNumber => "Registrační číslo", "Registration number";
    Call => "Výzva", "Call";
    ProjectBudget => "Rozpočet projektu", "Project budget";
    Allocations => "Alokace KPSV+ (Tabulka 6)", "KPSV+ allocations (Table 6)";
    Bracketed => "v závorce: pravděpodobně z jiné výzvy, mimo součet tabulky", "in brackets: probably another call, outside the table's total";
    Priority => "Priorita", "Priority";
    ProgrammeGoal => "specifický cíl programu", "programme objective";
    AsPrinted => "V dokumentu", "In the document";
    CostVsDrawn => "Náklady a čerpání", "Cost and drawing";
    DrawnShare => "čerpáno z plánovaného", "of planned drawn";
    StatusHistory => "Stav podle zpráv", "Status by report";
    Provenance => "Původ údajů", "Where the figures come from";
    ProvenanceLead => "Každý údaj opatření se zdrojem, ze kterého pochází.", "Every figure of the measure with the source it comes from.";
    Field => "Údaj", "Figure";
    FieldMeasureCount => "Počet opatření", "Number of measures";
    FieldTargetText => "Znění cíle", "Wording of the target";
    FieldIndicatorName => "Název indikátoru", "Name of the indicator";
    NoConflicts => "Zdroje se v údajích o tomto opatření shodují.", "The sources agree on this measure.";
    NoGoalConflicts => "Zdroje se v údajích o tomto cíli a jeho indikátorech shodují.", "The sources agree on this goal and its indicators.";
    ConflictsLead => "Zdroje se liší. Uvádíme všechny hodnoty a jejich zdroje, žádnou jsme nevybrali.",
        "The sources disagree. All values are shown with their sources; none has been picked.";
    SeverityFigure => "Liší se čísla", "Figures differ";
    SeverityIdentity => "Liší se označení", "Numbering differs";
    SeverityText => "Liší se znění", "Wording differs";
    SeverityGap => "Chybí protějšek", "A counterpart is missing";
    AllKinds => "Všechny druhy", "All kinds";
    Kind => "Druh rozporu", "Kind of conflict";
    WholePlan => "Celý plán", "The whole plan";
    ShownAt => "Kde se údaj zobrazuje", "Where the figure is shown";
    CodeAsWritten => "V dokumentu uvedeno jako", "Printed in the document as";
    OfGoal => "Patří k cíli", "Belongs to goal";
    Activity => "Druh činnosti", "Kind of activity";
    Service => "Služba", "Service";

    // Indicators page.
    IndicatorsTitle => "Globální indikátory", "Global indicators";
    IndicatorsLead => "Ukazatele sociálního začleňování za celé město: výchozí hodnota, vývoj, srovnání s krajem a očekávání pro rok 2027.",
        "City-wide social inclusion indicators: baseline, trend, comparison with the region and the 2027 expectation.";
    Baseline => "Výchozí hodnota", "Baseline";
    Expected2027 => "Očekávání 2027", "Expected by 2027";
    City => "Ostrava", "Ostrava";
    Region => "Moravskoslezský kraj", "Moravian-Silesian Region";
    Rank => "Pořadí", "Rank";
    Trend => "Vývoj", "Trend";
    VerdictMet => "Očekávání splněno", "Expectation met";
    VerdictRightWay => "Vývoj správným směrem", "Moving the right way";
    VerdictWrongWay => "Vývoj opačným směrem", "Moving the wrong way";
    VerdictFlat => "Beze změny", "No change";
    VerdictUnknown => "Nelze posoudit", "Cannot be judged";
    LowerIsBetter => "nižší hodnota je lepší", "lower is better";
    HigherIsBetter => "vyšší hodnota je lepší", "higher is better";
    NotAvailable => "n. a.", "n/a";
    NoIndicatorsYet => "Plán zatím nemá globální indikátory.", "The plan has no global indicators yet.";

    // Budget page.
    BudgetTitle => "Rozpočet", "Budget";
    BudgetLead => "Kolik peněz opatření plánují a kolik se podařilo získat z evropských výzev KPSV+.",
        "How much money the measures plan and how much has been won from the EU KPSV+ calls.";
    ByArea => "Podle oblastí", "By area";
    BySource => "Podle zdrojů financování", "By funding source";
    BySourceNote => "Opatření s více zdroji se počítá u každého z nich, proto se řádky nesčítají do celku.",
        "A measure with several sources counts under each of them, so the rows do not add up to the total.";
    ByProgramme => "Podle operačních programů", "By operational programme";
    ByMeasure => "Podle opatření", "By measure";
    MeasuresWithCost => "Opatření s vyčíslenými náklady", "Measures with an estimated cost";
    Programme => "Program", "Programme";
    FundingSource => "Zdroj", "Source";
    NoBudget => "Plán zatím neuvádí žádné částky.", "The plan gives no amounts yet.";

    // Risks page.
    RisksTitle => "Analýza rizik", "Risk analysis";
    RisksLead => "Rizika Akčního plánu: pravděpodobnost a dopad na stupnici 1–5, významnost je jejich součin.",
        "The Action Plan's risks: probability and impact on a 1–5 scale; significance is their product.";
    RiskMatrix => "Matice rizik", "Risk matrix";
    RiskMatrixCaption => "Čísla v polích odkazují na seznam rizik pod maticí.", "Numbers in the cells refer to the list of risks below the matrix.";
    Probability => "Pravděpodobnost", "Probability";
    Impact => "Dopad", "Impact";
    Significance => "Významnost", "Significance";
    Mitigation => "Opatření ke zmírnění", "Mitigation";
    RiskList => "Seznam rizik", "List of risks";
    RiskLow => "nízká", "low";
    RiskMedium => "střední", "medium";
    RiskHigh => "vysoká", "high";
    RiskCritical => "kritická", "critical";
    RiskLegend => "Významnost: nízká 1–4, střední 5–9, vysoká 10–16, kritická 17–25.", "Significance: low 1–4, medium 5–9, high 10–16, critical 17–25.";
    NoRisks => "Akční plán neuvádí žádná rizika.", "The action plan lists no risks.";
    // Reports page.
    ReportsTitle => "Zprávy o naplňování Plánu", "Implementation reports";
    ReportsLead => "Každoroční zprávy o naplňování Plánu, vydané z dat monitoringu. Vydaná zpráva se už nemění.", "The yearly reports on the plan's implementation, issued from the monitoring data. An issued report never changes.";
    NoReports => "Zatím nebyla vydána žádná zpráva.", "No report has been issued yet.";
    ReportPdf => "Zpráva k přečtení", "The report to read";
    ReportDocx => "Zpráva k úpravám", "The report to edit";
    ReportPeriod => "Sledované období", "Reporting period";
    ReportCutoff => "Data k", "Data as of";
    ReportIssued => "Vydáno", "Issued";
    LatestReport => "Poslední zpráva o naplňování Plánu", "The latest implementation report";
    AllReports => "všechny zprávy", "all reports";
    FooterReports => "Zprávy o naplňování Plánu", "Implementation reports";

    // Open data page.
    OpenDataTitle => "Otevřená data", "Open data";
    DownloadData => "Stáhnout data", "Download data";
    StaffExports => "Data s koncepty ke stažení", "Data with drafts to download";
    StaffExportsLead => "Zveřejněné údaje i koncepty, každý řádek s označením ve sloupci zverejneno (false = koncept, který veřejnost nevidí), a interní poznámky. Jen pro pracovníky plánu; soubory nesdílejte.", "Published figures and drafts, each row marked in the column zverejneno (false = a draft the public does not see), and the internal notes. For the plan's staff only; do not share the files.";
    OpenDataLead => "Všechny zveřejněné údaje Plánu ke stažení: cíle, indikátory a jejich hodnoty, opatření, stavy realizace, projekty, financování, rizika, harmonogram a rozpory mezi zdroji, každý údaj s dokumentem, z něhož pochází. Koncepty a interní poznámky v nich nejsou.", "Every published figure of the plan to download: goals, indicators and their values, measures, statuses, projects, funding, risks, the timeline and conflicts between sources, each with the document it comes from. Drafts and internal notes are not in them.";
    OpenDataChanges => "Údaje se mění s každým zveřejněním, zpravidla po sběru dat monitoringu dvakrát ročně; soubory vždy odpovídají aktuálnímu stavu. Částky jsou v Kč s dvěma desetinnými místy, data ve tvaru RRRR-MM-DD.", "The data change with every publication, usually after each monitoring wave twice a year; the files always show the current state. Amounts are in CZK with two decimals, dates as YYYY-MM-DD.";
    OpenDataLicence => "Licence", "Licence";
    OpenDataWhole => "Celý plán", "The whole plan";
    OpenDataWorkbook => "Sešit se všemi datovými sadami, list na každou", "A workbook of every dataset, a sheet each";
    OpenDataPackage => "Datový balíček: soubory CSV s popisem datapackage.json (Frictionless Data)", "Data package: CSV files described by datapackage.json (Frictionless Data)";
    OpenDataSets => "Datové sady", "Datasets";
    OpenDataCsvSemicolon => "CSV se středníky (Excel v češtině)", "CSV with semicolons (Excel in Czech)";
    OpenDataFields => "Pole", "Fields";
    OpenDataField => "Pole", "Field";
    OpenDataType => "Typ", "Type";
    OpenDataMeaning => "Význam", "Meaning";
    OpenDataKey => "klíč", "key";
    KindText => "text", "text";
    KindInteger => "celé číslo", "integer";
    KindNumber => "číslo", "number";
    KindDate => "datum", "date";
    KindMoney => "částka v Kč", "amount in CZK";
    KindBoolean => "ano/ne (true/false)", "yes/no (true/false)";

    // Timeline page.
    TimelineTitle => "Harmonogram realizace", "Implementation timeline";
    TimelineLead => "Milníky realizace Plánu: co je hotovo a co přijde.", "The plan's milestones: what is done and what comes next.";
    Today => "Dnes", "Today";
    Done => "Hotovo", "Done";
    Current => "Probíhá", "Under way";
    Upcoming => "Připravuje se", "Upcoming";
    DoneHeading => "Proběhlo", "Done";
    CurrentHeading => "Probíhá nyní", "Under way now";
    UpcomingHeading => "Nadcházející", "Upcoming";
    NoMilestones => "Žádné milníky.", "No milestones.";

    // Search page.
    SearchTitle => "Hledání", "Search";
    SearchLead => "Hledá v oblastech, cílech, opatřeních a realizátorech; na diakritice ani velikosti písmen nezáleží.",
        "Searches areas, goals, measures and implementers; accents and case do not matter.";
    SearchEmptyQuery => "Zadejte, co hledáte, například „bydlení“ nebo „Slezská diakonie“.",
        "Type what you are looking for, for example “bydlení” (housing) or “Slezská diakonie”.";
    SearchNoResults => "Nic nenalezeno. Zkuste jiné nebo kratší slovo.", "Nothing found. Try another or a shorter word.";
    FoundAreas => "Oblasti", "Areas";
    FoundStrategicGoals => "Strategické cíle", "Strategic goals";
    FoundSpecificGoals => "Specifické cíle", "Specific goals";
    FoundMeasures => "Opatření", "Measures";
    FoundImplementers => "Realizátoři", "Implementers";

    // Accounts and entering data.
    NavLogin => "Přihlásit", "Sign in";
    NavLogout => "Odhlásit", "Sign out";
    NavEntry => "Zadávání", "Data entry";
    NavUsers => "Uživatelé", "Users";
    SignedInAs => "Přihlášen(a):", "Signed in:";
    LoginTitle => "Přihlášení", "Sign in";
    LoginLead => "Pro zadávání monitorovacích údajů. Prohlížení plánu přihlášení nevyžaduje.",
        "For entering monitoring data. Reading the plan needs no account.";
    Email => "E-mail", "E-mail";
    Password => "Heslo", "Password";
    LoginButton => "Přihlásit se", "Sign in";
    LoginFailed => "Nesprávný e-mail nebo heslo.", "Wrong e-mail or password.";
    LoginLocked => "Příliš mnoho neúspěšných pokusů. Zkuste to za 15 minut.", "Too many failed attempts. Try again in 15 minutes.";
    SignInFirst => "Tato stránka je pro přihlášené uživatele.", "This page is for signed-in users.";
    EntryTitle => "Zadávání údajů", "Data entry";
    EntryLead => "Opatření, za která podáváte zprávy, a indikátory jejich specifických cílů. Zadané údaje jsou konceptem, dokud je koordinátor nezveřejní.",
        "The measures you report on and the indicators of their specific goals. Entered data are drafts until a coordinator publishes them.";
    NothingToReport => "Nemáte přiřazena žádná opatření. Obraťte se na koordinátora.", "No measures are assigned to you. Ask a coordinator.";
    WaveTitle => "Monitorovací vlna", "Monitoring wave";
    OwedTitle => "Co zbývá předat", "Still to deliver";
    OwedNothing => "Vše, co vlna od vás čeká, je předáno.", "Everything the wave expects of you has been delivered.";
    OwedAll => "Za celý plán", "For the whole plan";
    EntryNavLabel => "Výběr vlny a části plánu", "Choose a wave and a part of the plan";
    EntryWaves => "Vlna", "Wave";
    EntryAreas => "Oblasti", "Areas";
    EntryGoals => "Specifické cíle", "Specific goals";
    EntryOrganisations => "Realizátoři", "Implementers";
    EntryWhole => "Celá vlna", "The whole wave";
    EntryChoose => "Vyberte oblast, specifický cíl nebo realizátora: zobrazí se jen jejich formuláře.", "Choose an area, a specific goal or an implementer to see their forms only.";
    SheetTitle => "Tabulka za vlnu", "The wave as a spreadsheet";
    SheetLead => "Stáhněte si šablonu, vyplňte žlutá pole v Excelu (nebo ji uložte jako CSV UTF-8) a nahrajte ji zpět. Nejdřív uvidíte náhled; uloží se až po potvrzení, jako koncepty, které zveřejní koordinátor.",
        "Download the template, fill in the yellow cells in Excel (or save it as UTF-8 CSV) and upload it back. You see a preview first; it is stored only once you confirm, as drafts a coordinator publishes.";
    SheetDownload => "Stáhnout šablonu (XLSX)", "Download the template (XLSX)";
    SheetEveryRow => "všechny řádky vlny", "every row of the wave";
    SheetFile => "Vyplněný soubor (XLSX nebo CSV)", "Filled file (XLSX or CSV)";
    SheetCheck => "Zkontrolovat znovu", "Check again";
    SheetChecking => "Kontroluji soubor…", "Checking the file…";
    SheetChooseFile => "Vyberte soubor.", "Choose a file.";
    SheetConfirm => "Potvrdit a uložit jako koncepty", "Confirm and store as drafts";
    SheetErrors => "Chyby v souboru", "Errors in the file";
    SheetFixFirst => "Opravte chyby (a konflikty stáhněte v nové šabloně) a nahrajte soubor znovu: uloží se jen soubor bez chyb.",
        "Fix the errors (and download a new template for conflicts) and upload the file again: only a file without errors is stored.";
    SheetNothing => "Soubor nic nemění.", "The file changes nothing.";
    SheetRow => "Řádek", "Row";
    SheetItem => "Položka", "Item";
    SheetOld => "Dosud", "Until now";
    SheetNew => "Nově", "New";
    SheetState => "Výsledek", "Result";
    NoImplementerRow => "Bez určeného realizátora (koordinátoři)", "No implementer named (coordinators)";
    ItemIndicator => "Hodnota indikátoru", "Indicator value";
    ItemStatus => "Stav opatření", "Measure status";
    StatePublished => "zveřejněno", "published";
    StateDraft => "koncept", "draft";
    StateDue => "čeká", "due";
    StateLate => "po termínu", "late";
    PhaseUpcoming => "připravovaná", "upcoming";
    PhaseOpen => "otevřená", "open";
    PhaseClosed => "uzavřená", "closed";
    WavesTitle => "Monitorovací vlny", "Monitoring waves";
    WavesLead => "Sběr údajů od realizátorů: termíny vln a co kdo předal.", "Collecting data from implementers: the waves' dates and who delivered what.";
    WavesLink => "Monitorovací vlny a co kdo předal", "Monitoring waves and who delivered what";
    WaveName => "Název vlny", "Name of the wave";
    WaveAsOf => "Údaje k datu", "Values as of";
    WaveAsOfHint => "Nepovinné: datum, k němuž mají údaje platit.", "Optional: the date the values should refer to.";
    WaveOpens => "Sběr začíná", "Collection opens";
    WaveDeadline => "Uzávěrka", "Deadline";
    WavePhase => "Stav", "State";
    WaveNew => "Nová vlna", "New wave";
    WaveSave => "Uložit vlnu", "Save the wave";
    WaveSaved => "Vlna je uložena.", "The wave is saved.";
    WaveMatrixTitle => "Co kdo předal", "Who delivered what";
    WaveItem => "Položka", "Item";
    WaveState => "Stav", "State";
    WaveCalendar => "Kalendář vln a milníků (iCalendar)", "Calendar of waves and milestones (iCalendar)";
    WaveCompleteness => "Sběr dat", "Data collection";
    StaleMark => "údaj starší než poslední vlna sběru dat", "older than the last data collection";
    RefDate => "Datum, k němuž údaje platí", "Date the values refer to";
    SourceNote => "Zdroj údajů", "Source of the values";
    SourceNoteHint => "např. Dotazník realizátora za 1. pol. 2026", "e.g. the implementer's questionnaire for H1 2026";
    LatestValue => "Poslední zveřejněná hodnota", "Latest published value";
    SaveDraft => "Uložit jako koncept", "Save as draft";
    SaveAndPublish => "Uložit a zveřejnit", "Save and publish";
    Saved => "Uloženo jako koncept.", "Saved as a draft.";
    SavedPublished => "Uloženo a zveřejněno.", "Saved and published.";
    FixErrors => "Opravte označené údaje.", "Correct the marked values.";
    StatusFormTitle => "Stav opatření", "Status of the measure";
    ReportsDone => "Odevzdané zprávy", "Reports submitted";
    ReportsOf => "z celkem", "out of";
    SaveStatus => "Uložit stav", "Save status";
    DraftsTitle => "Koncepty ke zveřejnění", "Drafts awaiting publication";
    NoDrafts => "Žádné koncepty.", "No drafts.";
    ProposedChange => "návrh změny zveřejněného", "proposed change to a published record";
    ProposalWaits => "Návrh změny čeká na koordinátora; veřejnost vidí zveřejněné údaje. Úpravy mění tento návrh.",
        "A proposed change awaits a coordinator; the public sees the published record. Edits revise this proposal.";
    UnpublishedDraft => "koncept", "draft";
    DraftWaits => "Koncept čeká na zveřejnění koordinátorem; veřejnost jej nevidí.",
        "A draft awaiting publication by a coordinator; the public does not see it.";
    PublishAll => "Zveřejnit vše", "Publish all";
    Published => "Zveřejněno.", "Published.";
    History => "Historie", "History";
    HistoryTitle => "Historie záznamu", "Record history";
    NoHistory => "Záznam zatím nikdo neměnil.", "Nobody has changed this record yet.";
    When => "Kdy", "When";
    Who => "Kdo", "Who";
    WhatChanged => "Změna", "Change";
    UsersTitle => "Uživatelé", "Users";
    NewUser => "Nový uživatel", "New user";
    PersonName => "Jméno", "Name";
    RoleLabel => "Role", "Role";
    OrganisationLabel => "Organizace (pro realizátora)", "Organisation (for an implementer)";
    NoOrganisation => "— žádná —", "— none —";
    CreateUser => "Vytvořit účet", "Create account";
    Created => "Účet vytvořen.", "Account created.";
    Active => "Aktivní", "Active";
    Inactive => "Deaktivovaný", "Deactivated";
    Deactivate => "Deaktivovat", "Deactivate";
    Activate => "Aktivovat", "Activate";
    RoleAdmin => "Správce", "Admin";
    RoleCoordinator => "Koordinátor", "Coordinator";
    RoleImplementer => "Realizátor", "Implementer";
    RoleViewer => "Čtenář", "Viewer";
    AdminsOnly => "Uživatele spravují jen správci.", "Only admins manage users.";
    Date => "Datum", "Date";
    ActionLabel => "Akce", "Action";
    NavManage => "Správa plánu", "Plan management";
    ManageTitle => "Správa plánu", "Plan management";
    ManageLead => "Řešení rozporů mezi zdroji, úpravy rizik a milníků. Každá změna se zapisuje do historie.",
        "Resolving conflicts between sources, editing risks and milestones. Every change is kept in the history.";
    ValidValue => "Platná hodnota", "Valid value";
    Reason => "Zdůvodnění", "Reason";
    Resolve => "Vyřešit rozpor", "Resolve the conflict";
    Resolved => "Rozpor vyřešen; ostatní hodnoty zůstávají v záznamu.", "Conflict resolved; the other values stay on record.";
    Save => "Uložit", "Save";
    PublishersOnly => "Plán upravují koordinátoři a správci.", "Coordinators and admins edit the plan.";
    PeriodText => "Období (jak je uvedeno)", "Period (as printed)";
    PeriodFrom => "Od", "From";
    PeriodTo => "Do", "To";
    TextLabel => "Text", "Text";
    ConflictReloaded => "Údaje mezitím změnil někdo jiný. Níže je jejich aktuální stav; vaše zadání zůstalo – zkontrolujte je a uložte znovu.",
        "Someone else changed the data meanwhile. Below is their current state; what you typed is kept – check it and save again.";
    RecordedAtDate => "K tomuto datu už zaznamenáno (uložením přepíšete)", "Already recorded for this date (saving replaces it)";
    SavedNow => "Nyní uloženo:", "Saved now:";
    Changed => "Změna uložena.", "Change saved.";
    NoChange => "Nic jste nezměnili.", "You changed nothing.";
    Edit => "Upravit", "Edit";
    EditMeasure => "Úprava opatření", "Editing measure";
    EditGoal => "Úprava cíle", "Editing goal";
    PublicPage => "Veřejná stránka", "Public page";
    MeasureCard => "Karta opatření", "Measure card";
    CostAsWorded => "Předpokládané náklady (jak je uvádí karta)", "Estimated cost (as the card words it)";
    CostInCzk => "Předpokládané náklady v Kč", "Estimated cost in CZK";
    CostInCzkHint => "např. 6 100 000; prázdné pole částku odebere", "e.g. 6 100 000; an empty field removes the amount";
    FundingText => "Zdroje financování (jak jsou uvedeny)", "Funding sources (as printed)";
    NewProject => "Nový projekt", "New project";
    RegistrationHint => "ve tvaru CZ.03.02.01/00/22_018/0001145", "in the form CZ.03.02.01/00/22_018/0001145";
    ProgrammeHint => "např. OPZ+ nebo IROP", "e.g. OPZ+ or IROP";
    AmountHint => "v Kč, např. 12 170 133,36", "in CZK, e.g. 12 170 133.36";
    InternalNotes => "Interní poznámky", "Internal notes";
    InternalNotesLead => "Vidí je jen přihlášení pracovníci, nikdy veřejnost.", "Only signed-in staff see them, never the public.";
    NoNotes => "Zatím žádné poznámky.", "No notes yet.";
    NewNote => "Nová poznámka", "New note";
    AddNote => "Přidat poznámku", "Add note";
    NoteAdded => "Poznámka přidána.", "Note added.";
    TargetsTitle => "Cílové hodnoty indikátorů", "Indicator targets";
    TargetWording => "Znění cílové hodnoty", "Target as worded";
    TargetRevisions => "Revize cílové hodnoty", "Revisions of the target";
    ActionPlansTitle => "Akční plány", "Action plans";
    ActionPlanSwitch => "Akční plán", "Action plan";
    ComparisonTitle => "Srovnání akčních plánů", "Action plans compared";
    ComparisonLink => "Srovnání akčních plánů", "Compare the action plans";
    CostByArea => "Předpokládané náklady podle oblastí", "Estimated costs by area";
    CostBySource => "Předpokládané náklady podle zdrojů financování", "Estimated costs by funding source";
    CostBySourceNote => "Opatření s více zdroji se počítá u každého z nich; součet podle zdrojů proto může převýšit celek.", "A measure with several sources counts under each; the sources may therefore add up to more than the total.";
    ComparisonGoals => "Opatření podle specifických cílů", "Measures by specific goal";
    ComparisonUnimplemented => "Nerealizovaná opatření dřívějšího plánu", "The earlier plan's unimplemented measures";
    NotCarriedOver => "nepřevzato", "not carried over";
    MeasuresAdded => "Nová opatření", "New measures";
    MeasuresEnded => "Ukončená opatření", "Ended measures";
    MeasuresChanged => "Změněná opatření", "Changed measures";
    MeasuresUnchanged => "Beze změny", "Unchanged";
    DraftMeasures => "Opatření návrhu", "The draft's measures";
    DraftMeasuresLead => "Převzatá opatření si pamatují, odkud pocházejí; po schválení už se jejich původ nemění.", "Carried-over measures remember where they came from; once approved, their origin no longer changes.";
    CarryOver => "Převzít opatření", "Carry measures over";
    CarryOverFrom => "Převzít z plánu", "Carry over from";
    AllAreas => "Všechny oblasti", "All areas";
    CarriedOverDone => "Opatření převzata.", "Measures carried over.";
    CarriedOverTag => "převzato", "carried over";
    NewMeasureTag => "nové", "new";
    EndMeasure => "Ukončit opatření", "End a measure";
    EndMeasureHint => "Opatření dřívějšího plánu, na které návrh nenavazuje; jeho převzatá kopie se odstraní.", "A measure of the earlier plan the draft does not carry on; its carried-over copy is removed.";
    EndReason => "Důvod ukončení", "Why it ends";
    EndedDone => "Opatření ukončeno.", "Measure ended.";
    AddMeasure => "Nové opatření", "New measure";
    AddMeasureHint => "Kód dostane další číslo pod specifickým cílem, které žádné opatření plánu dosud nemělo.", "It gets the next number under the specific goal that no measure of the plan has had.";
    SpecificGoalCode => "Specifický cíl (kód, např. 2.1.3)", "Specific goal (code, e.g. 2.1.3)";
    AddedDone => "Opatření přidáno.", "Measure added.";
    EditDraftMeasure => "Upravit opatření návrhu", "Edit a measure of the draft";
    EstimatedCostCzk => "Předpokládané náklady v Kč", "Estimated cost in CZK";
    MeasureSavedDone => "Opatření uloženo.", "Measure saved.";
    MeasureLists => "Zdroje financování a indikátory výstupu", "Funding sources and output indicators";
    OutputIndicatorsOnePerLine => "Indikátory výstupu, každý na vlastní řádek", "Output indicators, one per line";
    UnimplementedNotCarried => "Nerealizovaná opatření, na která návrh nenavazuje:", "Unimplemented measures the draft does not carry on:";
    ActionPlansLink => "Akční plány: příprava a schválení", "Action plans: drafting and approval";
    ActionPlansLead => "Návrh akčního plánu vidí jen pracovníci plánu; veřejnost ho uvidí, až bude schválen.", "Only the plan's staff see a draft action plan; the public sees it once it is approved.";
    ActionPlanYears => "Období", "Years";
    ActionPlanState => "Stav", "State";
    ActionPlanApproval => "Schváleno", "Approved";
    ActionPlanDraft => "návrh", "draft";
    ActionPlanApproved => "schválen", "approved";
    ActionPlanNew => "Nový akční plán", "New action plan";
    ActionPlanNewHint => "Období v celých letech uvnitř období Plánu; nesmí se překrývat s jiným akčním plánem.", "Whole years within the plan's; they may not overlap another action plan's.";
    ActionPlanNumber => "Číslo", "Number";
    ActionPlanFrom => "Od roku", "From year";
    ActionPlanTo => "Do roku", "To year";
    ActionPlanCreate => "Založit návrh", "Create the draft";
    ActionPlanCreated => "Návrh akčního plánu založen.", "Draft action plan created.";
    ActionPlanApprove => "Schválit", "Approve";
    ActionPlanApprovedOn => "Den schválení", "Approved on";
    ActionPlanResolution => "Usnesení", "Resolution";
    ActionPlanApprovedDone => "Akční plán schválen.", "Action plan approved.";
    PlanTarget => "Podle plánu", "As in the plan";
    TargetInWords => "jen slovy", "in words only";
    InForce => "platí", "in force";
    PlanTargetTitle => "Cílová hodnota podle plánu (oprava přepisu)", "The plan's target (correcting a transcription)";
    ReviseTarget => "Revidovat cílovou hodnotu", "Revise the target";
    ReviseTargetLead => "Nová cílová hodnota platí ode dne, který zadáte (nejpozději dnes); dosavadní zůstává v záznamu a pokrok se počítá vůči platné.", "The new target is in force from the day you enter (today at the latest); the earlier one stays on record and progress counts against the one in force.";
    ValidFrom => "Platí od", "In force from";
    RevisionReason => "Důvod revize (rozhodnutí, usnesení)", "Reason for the revision (decision, resolution)";
    Revised => "Cílová hodnota revidována.", "Target revised.";
    WithdrawRevision => "Odvolat revizi", "Withdraw the revision";
    RevisionWithdrawn => "Revize odvolána.", "Revision withdrawn.";
    SummariesTitle => "Roční shrnutí", "Yearly summaries";
    NewSummary => "Nové shrnutí", "New summary";
    Year => "Rok", "Year";
    TitleLabel => "Nadpis", "Title";
    // Drafting reports (staff).
    ManageReportsTitle => "Příprava zpráv o naplňování", "Drafting implementation reports";
    ManageReportsLead => "Koncept zprávy vidí jen pracovníci plánu. Texty se píší k jednotlivým oddílům; čísla se při vydání zmrazí z publikovaných dat a vydaná zpráva se už nemění.", "Only the plan's staff see a draft. Texts are written per section; on issuing, the figures are frozen from the published data and the issued report never changes.";
    ManageReportsLink => "Zprávy o naplňování: koncepty a vydání", "Implementation reports: drafts and issuing";
    NoReportDrafts => "Zatím tu není žádná zpráva ani koncept.", "There is no report or draft yet.";
    NewReport => "Nový koncept zprávy", "New report draft";
    ReportNumber => "Číslo zprávy", "Report number";
    ReportTitleHint => "Nevyplněný nadpis bude „<číslo římsky>. zpráva o naplňování Plánu“.", "Left empty, the title is \"<number in Roman numerals>. zpráva o naplňování Plánu\".";
    ReportLang => "Jazyk zprávy", "Report language";
    LangCzech => "čeština", "Czech";
    LangEnglish => "angličtina", "English";
    CutoffHint => "V období nebo po něm, ne v budoucnu.", "Within the period or after it, not in the future.";
    CreateDraft => "Založit koncept", "Create the draft";
    DraftCreated => "Koncept zprávy založen.", "Report draft created.";
    ReportDraft => "Koncept", "Draft";
    ReportWord => "Zpráva", "Report";
    EditReport => "Příprava zprávy", "Drafting a report";
    Preview => "Náhled", "Preview";
    PreviewTitle => "Náhled zprávy", "Report preview";
    PreviewLead => "Zpráva, jak by vyšla dnes: z publikovaných dat a uložených textů.", "The report as it would be issued today: from the published data and the saved texts.";
    BackToDraft => "Zpět k úpravám zprávy", "Back to drafting the report";
    ReportFigures => "Čísla, o kterých text je", "The figures the text is about";
    NarrativeHint => "Odstavce oddělte prázdným řádkem; body seznamu začněte „- “.", "Separate paragraphs with an empty line; start list items with \"- \".";
    SaveSection => "Uložit oddíl", "Save the section";
    IssueTitle => "Vydání zprávy", "Issuing the report";
    IssueLead => "Vydáním se čísla zmrazí z dnešních publikovaných dat, zpráva se zveřejní jako PDF a DOCX a už se nezmění.", "Issuing freezes the figures from today's published data and publishes the report as PDF and DOCX; it never changes after that.";
    IssueConfirm => "Rozumím, že vydanou zprávu už nelze změnit.", "I understand that an issued report cannot be changed.";
    IssueButton => "Vydat zprávu", "Issue the report";
    ReportIssuedOk => "Zpráva vydána a zveřejněna.", "The report is issued and published.";
    IssuedReadOnly => "Zpráva je vydaná: její texty i čísla jsou zmrazené.", "The report is issued: its texts and figures are frozen.";
    ProjectsAndNotes => "Projekty a poznámky", "Projects and notes";
    Accounts => "Účty", "Accounts";
    ProjectFrom => "Projekt od", "Project from";
    ProjectTo => "Projekt do", "Project to";
    AccountState => "Stav účtu", "Account";
    NewPassword => "Nové heslo", "New password";
    NewPasswordHint => "nechte prázdné, heslo se nemění; změna ukončí přihlášení uživatele",
        "leave empty to keep it; a change signs the user out";
}

#[cfg(test)]
mod tests {
    use shared::{Date, MeasureStatus};

    use super::*;
    use crate::api::ClientError;

    #[test]
    fn every_text_exists_in_both_languages() {
        for key in T::ALL {
            let (cs, en) = (key.get(Lang::Cs), key.get(Lang::En));
            assert!(!cs.trim().is_empty(), "{key:?} has no Czech text");
            assert!(!en.trim().is_empty(), "{key:?} has no English text");
        }
    }

    #[test]
    fn statuses_read_in_words_with_their_reports() {
        let in_progress = MeasureStatus::InProgress {
            reports: Some(4),
            of: Some(6),
        };
        assert_eq!(status(in_progress, Lang::Cs), "V realizaci (4 z 6 zpráv)");
        assert_eq!(
            status(in_progress, Lang::En),
            "In progress (4 of 6 reports)"
        );
        assert_eq!(
            status(MeasureStatus::NotImplemented, Lang::Cs),
            "Nerealizováno"
        );
        let unknown_reports = MeasureStatus::InProgress {
            reports: None,
            of: None,
        };
        assert_eq!(status(unknown_reports, Lang::En), "In progress");
    }

    #[test]
    fn counts_take_the_right_plural() {
        assert_eq!(count(1, Noun::Goal, Lang::Cs), "1\u{a0}cíl");
        assert_eq!(count(3, Noun::Goal, Lang::Cs), "3\u{a0}cíle");
        assert_eq!(count(5, Noun::Goal, Lang::Cs), "5\u{a0}cílů");
        assert_eq!(count(1, Noun::Goal, Lang::En), "1\u{a0}goal");
        assert_eq!(count(0, Noun::Conflict, Lang::En), "0\u{a0}conflicts");
        assert_eq!(count(2, Noun::Measure, Lang::Cs), "2\u{a0}opatření");
        assert_eq!(goals_with_data(2, 3, Lang::Cs), "2 z 3 cílů s daty");
        assert_eq!(goals_with_data(1, 1, Lang::Cs), "1 z 1 cíle s daty");
        assert_eq!(goals_with_data(2, 3, Lang::En), "2 of 3 goals with data");
    }

    #[test]
    fn values_read_against_their_targets() {
        let date = Date::new(2025, 2, 28).unwrap();
        assert_eq!(
            value_of_target(54.0, 40.0, date, Lang::Cs),
            "54 z 40 k 28.\u{a0}2.\u{a0}2025"
        );
        assert_eq!(
            value_of_target(1190.5, 1000.0, date, Lang::En),
            "1,190.5 of 1,000 as of 28 Feb 2025"
        );
        assert_eq!(due_by(date, Lang::En), "by 28 Feb 2025");
    }

    #[test]
    fn figure_names_are_translated_with_their_qualifier() {
        assert_eq!(field("estimated_cost", Lang::Cs), "Předpokládané náklady");
        assert_eq!(field("value:2024", Lang::En), "Value (2024)");
        assert_eq!(field("mystery", Lang::En), "mystery");
    }

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        let errors = [
            ClientError::Network("x".to_owned()),
            ClientError::Http(502),
            ClientError::Decode("x".to_owned()),
            ClientError::NotFound("measure 9.9.9.9".to_owned()),
            ClientError::Internal,
        ];
        for error in &errors {
            for lang in [Lang::Cs, Lang::En] {
                assert!(!error_message(error, lang).is_empty());
            }
        }
        assert_eq!(
            error_message(&ClientError::Http(502), Lang::En),
            "The server answered with HTTP error 502."
        );
    }

    #[test]
    fn tab_titles_end_with_the_site_name() {
        assert_eq!(
            document_title("Opatření 2.1.3.4"),
            "Opatření 2.1.3.4 – psz-monitor"
        );
        let date = Date::new(2025, 1, 31).unwrap();
        assert_eq!(data_as_of(date, Lang::Cs), "údaje k 31.\u{a0}1.\u{a0}2025");
        assert_eq!(data_as_of(date, Lang::En), "data as of 31 Jan 2025");
    }

    #[test]
    fn missing_records_are_named() {
        assert_eq!(
            missing_record(T::Measure, "9.9.9.9", Lang::Cs),
            "Opatření s kódem „9.9.9.9“ v plánu není."
        );
        assert_eq!(
            missing_record(T::Area, "9", Lang::En),
            "The plan has no area with the code “9”."
        );
    }
}
