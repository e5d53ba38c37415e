// The question bank an organisation starts its core-question campaigns from (after the idea that
// "the quality with which people work follows from the quality with which they are supported,
// motivated and led"). Grouped by theme, in Dutch and English; leadership questions carry the
// self-view a manager answers for the leadership mirror. Organisations add their own beside these.
import type { QUESTION_KINDS, QUESTION_THEMES, TextPair } from '../../../contracts/questions.contract';

export { QUESTION_KINDS, QUESTION_THEMES } from '../../../contracts/questions.contract';
export type QuestionTheme = (typeof QUESTION_THEMES)[number];
/** agree5: a five-point agreement scale; scale10: 0–10 (promoters minus detractors); open: free text. */
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type Text = TextPair;

export interface BankQuestion {
  /** Stable across releases: an organisation's copy and the trend over campaigns refer to it. */
  key: string;
  theme: QuestionTheme;
  kind: QuestionKind;
  text: Text;
  /** For the leadership mirror: the same question as a manager asks it of themself. */
  selfView?: Text;
}

const q = (
  key: string,
  theme: QuestionTheme,
  kind: QuestionKind,
  nl: string,
  en: string,
  selfView?: Text,
): BankQuestion => ({
  key,
  theme,
  kind,
  text: { nl, en },
  ...(selfView ? { selfView } : {}),
});

export const QUESTION_BANK: readonly BankQuestion[] = [
  // Leadership and support: being supported, motivated and led.
  q(
    'leadership.backs_extras',
    'leadership',
    'agree5',
    'Mijn leidinggevende staat achter me als ik iets extra’s doe voor een klant.',
    'My manager backs me when I do something extra for a customer.',
    {
      nl: 'Ik sta achter mijn teamleden als zij iets extra’s doen voor een klant.',
      en: 'I back my team members when they do something extra for a customer.',
    },
  ),
  q(
    'leadership.motivates',
    'leadership',
    'agree5',
    'De manier waarop ik word aangestuurd, motiveert me.',
    'The way I am led motivates me.',
    {
      nl: 'De manier waarop ik mijn team aanstuur, motiveert hen.',
      en: 'The way I lead my team motivates them.',
    },
  ),
  q(
    'leadership.feedback',
    'leadership',
    'agree5',
    'Mijn leidinggevende spreekt me aan op een manier waar ik iets aan heb.',
    'My manager gives me feedback in a way that helps me.',
    {
      nl: 'Ik spreek mijn teamleden aan op een manier waar zij iets aan hebben.',
      en: 'I give my team members feedback in a way that helps them.',
    },
  ),
  q(
    'leadership.support',
    'leadership',
    'agree5',
    'Ik krijg de steun die ik nodig heb om mijn werk goed te doen.',
    'I get the support I need to do my work well.',
    {
      nl: 'Mijn team krijgt van mij de steun die het nodig heeft om goed werk te doen.',
      en: 'My team gets the support from me it needs to do good work.',
    },
  ),
  q(
    'leadership.knows_customers',
    'leadership',
    'agree5',
    'Mijn leidinggevende weet wat er bij onze klanten speelt.',
    'My manager knows what matters to our customers.',
    {
      nl: 'Ik weet wat er bij onze klanten speelt.',
      en: 'I know what matters to our customers.',
    },
  ),
  q(
    'leadership.potential',
    'leadership',
    'agree5',
    'Wat ik kan, wordt hier goed benut.',
    'What I can do is put to good use here.',
    {
      nl: 'Ik benut goed wat mijn teamleden kunnen.',
      en: 'I make good use of what my team members can do.',
    },
  ),

  // Internal cooperation: does the left hand know what the right hand does?
  q(
    'cooperation.left_right',
    'cooperation',
    'agree5',
    'Bij ons weet de linkerhand wat de rechterhand doet.',
    'Here, the left hand knows what the right hand is doing.',
  ),
  q(
    'cooperation.keep_promises',
    'cooperation',
    'agree5',
    'Andere teams leveren wat ze ons beloven, op tijd.',
    'Other teams deliver what they promise us, on time.',
  ),
  q(
    'cooperation.who_to_ask',
    'cooperation',
    'agree5',
    'Als ik iets nodig heb van een ander team, weet ik bij wie ik moet zijn.',
    'When I need something from another team, I know whom to ask.',
  ),
  q(
    'cooperation.improve',
    'cooperation',
    'open',
    'Wat zou de samenwerking met andere teams het meest verbeteren?',
    'What would most improve working with other teams?',
  ),

  // Mandate and room to act.
  q(
    'mandate.room',
    'mandate',
    'agree5',
    'Ik heb genoeg ruimte om iets extra’s te doen voor een klant zonder eerst toestemming te vragen.',
    'I have enough room to do something extra for a customer without asking first.',
  ),
  q(
    'mandate.known',
    'mandate',
    'agree5',
    'Ik weet hoeveel ruimte mijn mandaat me geeft.',
    'I know how much room my mandate gives me.',
  ),
  q(
    'mandate.safe',
    'mandate',
    'agree5',
    'Als ik een keer te ver ga voor een klant, volgt er een gesprek en geen straf.',
    'If I once go too far for a customer, what follows is a conversation, not a punishment.',
  ),

  // Values in daily work.
  q(
    'values.known',
    'values',
    'agree5',
    'Ik ken de waarden van onze organisatie en weet wat ze in mijn werk betekenen.',
    'I know our organisation’s values and what they mean in my work.',
  ),
  q(
    'values.colleagues',
    'values',
    'agree5',
    'Ik zie onze waarden terug in hoe collega’s werken.',
    'I see our values in how colleagues work.',
  ),
  q(
    'values.leadership',
    'values',
    'agree5',
    'Ik zie onze waarden terug in hoe de leiding beslist.',
    'I see our values in how management decides.',
  ),

  // Customer focus.
  q(
    'customer.recommend',
    'customer_focus',
    'scale10',
    'Hoe waarschijnlijk is het dat je een vriend aanraadt klant bij ons te worden?',
    'How likely are you to recommend a friend to become our customer?',
  ),
  q(
    'customer.employer',
    'customer_focus',
    'scale10',
    'Hoe waarschijnlijk is het dat je deze organisatie aanraadt als werkgever?',
    'How likely are you to recommend this organisation as an employer?',
  ),
  q(
    'customer.meaning',
    'customer_focus',
    'agree5',
    'Ik weet wat mijn werk betekent voor de klant, ook als ik de klant zelf niet zie.',
    'I know what my work means to the customer, even when I never see the customer.',
  ),
  q(
    'customer.obstacle',
    'customer_focus',
    'open',
    'Wat houdt ons het meest tegen om het klanten nog beter naar de zin te maken?',
    'What holds us back most from serving customers even better?',
  ),

  // Internal communication.
  q(
    'communication.changes',
    'communication',
    'agree5',
    'Ik hoor op tijd wat er verandert en waarom.',
    'I hear in time what changes and why.',
  ),
  q(
    'communication.speak_up',
    'communication',
    'agree5',
    'Ik durf te zeggen wat er beter kan, ook tegen de leiding.',
    'I dare to say what could be better, also to management.',
  ),
  q(
    'communication.ideas',
    'communication',
    'agree5',
    'Met mijn ideeën wordt iets gedaan.',
    'Something is done with my ideas.',
  ),
  q(
    'communication.ask_board',
    'communication',
    'open',
    'Wat zou je de directie willen vragen of zeggen?',
    'What would you like to ask or tell the board?',
  ),
];
