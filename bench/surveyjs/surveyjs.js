// The open-source peer a site would otherwise embed: SurveyJS (npm
// survey-core and survey-js-ui, pinned in package.json), its default theme,
// one screen per page, rendering the same start screen and the same first
// three screens as the hand-written baseline (bench/baseline/baseline.js):
// one question each, then the four ASQ questions on one page as the widget asks them,
// worded the same. run.mjs serves its files at /surveyjs/lib/ and writes the
// page from the baseline's article. Questions are not required, and
// numbering and the progress bar are off, so each screen shows what the
// baseline's shows.
const choices = (pairs) => pairs.map(([value, text]) => ({ value, text }));
const json = {
  showQuestionNumbers: 'off',
  firstPageIsStartPage: true,
  startSurveyText: 'Start',
  pageNextText: 'Continue',
  pagePrevText: 'Back',
  completeText: 'Continue',
  pages: [
    { name: 'start', elements: [{ type: 'html', name: 'intro', html: '<h2>Which program may fit?</h2><p>A few questions to see which program may fit — about 3 minutes; your answers stay on this device.</p>' }] },
    { name: 'who', elements: [{ type: 'radiogroup', name: 'who', title: 'Who are you looking for help for?', choices: choices([
      ['self', 'Myself (I am 18 or older)'], ['self_minor', 'Myself, and I am under 18'],
      ['adult', 'An adult I care about (18 or older)'], ['teen', 'A young person under 18 (my child or a teen I care about)'],
    ]) }] },
    { name: 'substances', elements: [{ type: 'checkbox', name: 'substances', title: 'Which substances are involved?', description: 'Choose all that apply.', choices: choices([
      ['alcohol', 'Alcohol'],
      ['opioids', 'Opioids (fentanyl, heroin, or pain pills such as oxycodone)'],
      ['benzos', 'Benzodiazepines or sleeping pills (Xanax, Klonopin, Valium, Ativan, Ambien), prescribed or not'],
      ['stimulants', 'Stimulants (meth, cocaine, or Adderall not taken as prescribed)'],
      ['cannabis', 'Cannabis'],
      ['other', 'Something else'],
    ]) }] },
    { name: 'asq_wish', elements: [{ type: 'radiogroup', name: 'asq_wish', title: 'In the past few weeks, have you wished you were dead?',
      description: 'These four questions are the NIMH Ask Suicide-Screening Questions (ASQ). If you are not sure, choose “Not sure”.',
      choices: choices([['yes', 'Yes'], ['no', 'No'], ['unsure', 'Not sure']]) },
    ...[
      ['asq_better_off', 'In the past few weeks, have you felt that you or your family would be better off if you were dead?'],
      ['asq_thoughts', 'In the past week, have you been having thoughts about killing yourself?'],
      ['asq_tried', 'Have you ever tried to kill yourself?'],
    ].map(([name, title]) => ({ type: 'radiogroup', name, title, choices: choices([['yes', 'Yes'], ['no', 'No'], ['unsure', 'Not sure']]) }))] },
  ],
};
const survey = new Survey.Model(json);
survey.render(document.getElementById('survey'));
