/**
 * Synthetic names. The lists are common given names and surnames ordered roughly by how common
 * they are in England and Wales (frequency-like, not a register of anyone); draws are Zipf-
 * weighted, and a syllable generator supplies the long tail so a million persons don't share a
 * few hundred names. No real person is described by any combination.
 */
import { WeightedList, type Rng } from './rng';

const words = (s: string) => s.trim().split(/\s+/);

/** Boys' names common since about 2005. */
const BOYS_MODERN = words(`
  Oliver Jack Harry George Noah Charlie Jacob Alfie Freddie Oscar Leo Logan Archie Theo Thomas
  James Joshua Henry William Max Lucas Ethan Arthur Mason Isaac Harrison Teddy Finley Daniel
  Riley Edward Joseph Alexander Adam Reggie Samuel Jaxon Sebastian Elijah Harley Toby Arlo Dylan
  Jude Benjamin Rory Tommy Jake Louie Carter Jenson Hugo Bobby Frankie Ollie Zachary David
  Albie Lewis Luca Ronnie Jackson Matthew Alex Harvey Reuben Jayden Caleb Hunter Theodore
  Nathan Blake Luke Elliot Muhammad Mohammed Ryan Kai Ezra Tyler Liam Aaron Michael Callum
  Connor Kian Owen Ben Charles Stanley Jamie Ibrahim Yusuf Ali Omar Aarav Krish Jakub Filip
  Kacper Oskar Tobias Gabriel Felix Jasper Ellis Austin Cody Kyle Bradley Jordan Dexter Sonny
`);

/** Girls' names common since about 2005. */
const GIRLS_MODERN = words(`
  Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Willow Freya Florence Emily
  Ella Poppy Jessica Evie Sophie Elsie Isabelle Charlotte Evelyn Sienna Daisy Harper Ruby Alice
  Matilda Millie Phoebe Sofia Emilia Eva Maya Hallie Esme Luna Layla Aria Zara Imogen Lola
  Chloe Holly Scarlett Erin Ellie Maisie Darcie Harriet Summer Penelope Eliza Thea Lucy Bella
  Lottie Georgia Violet Hannah Mila Emma Molly Katie Lacey Megan Amber Leah Abigail Jasmine
  Lauren Niamh Caitlin Bethany Rebecca Courtney Paige Nicole Hollie Amy Laura Aisha Fatima
  Maryam Zainab Amira Hafsa Priya Anaya Zofia Julia Maja Lena Nadia Eleanor Francesca Victoria
  Alexandra Elizabeth Katherine Margaret Josephine Beatrice Madison Tilly Kayla Skye Aimee
`);

/** Boys' names common among adults born before about 2000. */
const BOYS_CLASSIC = words(`
  David John Paul Michael Andrew Mark Peter Stephen Robert Richard Christopher James Ian Simon
  Anthony Gary Kevin William Darren Steven Martin Thomas Daniel Lee Neil Jason Craig Matthew
  Stuart Jonathan Philip Graham Wayne Dean Carl Keith Shaun Alan Nicholas Adrian Colin Brian
  Barry Trevor Kenneth Geoffrey Malcolm Raymond Derek Dennis Roger Terence Gordon Leslie Frank
  Alexander Edward Benjamin Samuel Joseph Scott Ryan Adam Luke Ashley Jamie Ben Tom Russell
  Gavin Nigel Timothy Patrick Francis Hugh Henry George Harold Frederick Albert Arthur Ronald
  Donald Stanley Walter Ernest Sidney Victor Vincent Bernard Lawrence Dominic Imran Tariq Asif
  Mohammed Sanjay Rajesh Piotr Tomasz Krzysztof Andrzej Marek Darius Grant Ross Lewis
`);

/** Girls' names common among adults born before about 2000. */
const GIRLS_CLASSIC = words(`
  Susan Sarah Karen Julie Helen Nicola Elizabeth Claire Lisa Amanda Emma Michelle Alison
  Jacqueline Deborah Tracey Joanne Catherine Louise Rachel Samantha Victoria Kelly Donna Angela
  Dawn Wendy Joanna Caroline Jennifer Kathryn Katherine Rebecca Gemma Laura Jessica Hannah
  Charlotte Emily Lucy Sophie Amy Natalie Stephanie Kirsty Zoe Jane Patricia Margaret Linda
  Christine Carol Janet Sandra Pauline Gillian Barbara Valerie Maureen Jean Brenda Sheila Anne
  Mary Dorothy Joan Doreen Irene Kathleen Eileen Shirley Sylvia Marion Teresa Theresa Rosemary
  Frances Penelope Alexandra Josephine Beatrice Eleanor Harriet Abigail Danielle Leanne Kerry
  Nazia Shabana Parveen Sunita Anita Agnieszka Katarzyna Magdalena Joanna Tanya Kim Debra
`);

/** Surnames, most common first. */
const SURNAMES = words(`
  Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson
  Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner
  Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott
  Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter
  Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson
  Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt
  Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker
  Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson
  Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West
  Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry
  Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter
  Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins
  Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane
  Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long
  Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins
  O'Connor Harper Coleman Watkins Moss McCarthy Chambers Griffin Sharp Hardy Wheeler Potter
  Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke May Pritchard
  Gilbert Willis Higgins Read Miles Stevenson Stephenson Hammond Arnold Buckley Walters Hewitt
  Barber Nelson Slater Austin Sullivan Whitehead Mann Frost Lambert Stephens Blake Akhtar Lynch
  Goodwin Barton Woodward Thomson Cunningham Quinn Barnett Baxter Bibi Clayton Nash Greenwood
  Jennings Holt Kemp Poole Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton
  Lawson Banks French Stanley Jarvis Gibbs Ferguson Hayward Carroll Nowak Kowalski Wisniewski
  Lewandowski Okafor Adeyemi Mensah Owusu Ahmed Iqbal Rahman Mahmood Chowdhury Nguyen Chen
  Wang Li Silva Santos Kaya Yilmaz Popescu Ionescu Horvath Kovacs MacLeod MacKenzie O'Neill
  St John Fitzgerald Van Dijk De Souza D'Costa Llewellyn Pryce Vaughan Humphreys Jenkinson
`).reduce<string[]>((acc, w, i, all) => {
  // "St John", "Van Dijk", "De Souza" are two-word surnames in the list above
  if (w === 'St' || w === 'Van' || w === 'De') return acc;
  const prev = all[i - 1];
  acc.push(prev === 'St' || prev === 'Van' || prev === 'De' ? `${prev} ${w}` : w);
  return acc;
}, []);

export type SexOfName = 'female' | 'male';
export type Generation = 'modern' | 'classic';

/*
 * Zipf offsets calibrated to England and Wales shares: the top surname ≈ 1% of people (Smith is
 * about 1.1%), the top given name ≈ 2% of children born since 2005 and ≈ 3.5% of adults.
 */
const LISTS: Record<SexOfName, Record<Generation, WeightedList<string>>> = {
  male: { modern: WeightedList.zipf(BOYS_MODERN, 0.9, 16), classic: WeightedList.zipf(BOYS_CLASSIC, 0.9, 8) },
  female: { modern: WeightedList.zipf(GIRLS_MODERN, 0.9, 16), classic: WeightedList.zipf(GIRLS_CLASSIC, 0.9, 8) },
};
const SURNAME_LIST = WeightedList.zipf(SURNAMES, 1, 20);

// Syllables for invented but English-looking names.
const ONSETS = words('B Br C Ch Cr D Dr F G Gr H J K L M N P Pr R S Sh St T Th Tr V W Wh Y');
const VOWELS = words('a e i o u ay ea ee oo ai');
const CODAS = words('b ck d ff g l ll m n nd ng nt p r rd rn rt s sh st t th v x');
const SURNAME_ENDINGS = words('ton ley field worth by ham son wick ford more well ridge stone wood man er ing burn dale hurst cott');
const GIRL_ENDINGS = words('a ia ella ina ie ey elle anna etta ise');
const BOY_ENDINGS = words('an on ey o in el ard us ie er');

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1).toLowerCase();
}

/** An invented surname such as "Brellworth" or "Tandley". */
export function syllableSurname(rng: Rng): string {
  const stem = rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
  return cap(rng.chance(0.85) ? stem + rng.pick(SURNAME_ENDINGS) : stem + rng.pick(VOWELS) + rng.pick(CODAS));
}

/** An invented given name such as "Marella" or "Toddon". */
export function syllableGivenName(rng: Rng, sex: SexOfName): string {
  const stem = rng.pick(ONSETS) + rng.pick(VOWELS) + (rng.chance(0.6) ? rng.pick(CODAS) : '');
  return cap(stem + rng.pick(sex === 'female' ? GIRL_ENDINGS : BOY_ENDINGS));
}

/** Share of names drawn from the invented tail rather than the lists. */
const SURNAME_TAIL = 0.45;
const GIVEN_TAIL = 0.12;

export function drawSurname(rng: Rng): string {
  return rng.chance(SURNAME_TAIL) ? syllableSurname(rng) : SURNAME_LIST.draw(rng);
}

export function drawGivenName(rng: Rng, sex: SexOfName, generation: Generation): string {
  return rng.chance(GIVEN_TAIL) ? syllableGivenName(rng, sex) : LISTS[sex][generation].draw(rng);
}

/**
 * Short forms people use for the listed names. Written separately from the matcher's table,
 * on purpose: a few here are missing from it (as in life), so the benchmark doesn't only test
 * what the matcher already knows.
 */
export const SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  William: ['Bill', 'Will', 'Billy', 'Liam'], Robert: ['Bob', 'Rob', 'Robbie', 'Bobby'],
  Richard: ['Rich', 'Rick', 'Dick', 'Richie'], James: ['Jim', 'Jimmy', 'Jamie'], John: ['Jack', 'Johnny', 'Jon'],
  Thomas: ['Tom', 'Tommy'], Joseph: ['Joe', 'Joey'], Daniel: ['Dan', 'Danny'], Michael: ['Mike', 'Mick', 'Micky'],
  Alexander: ['Alex', 'Sandy', 'Xander'], Alexandra: ['Alex', 'Sasha', 'Lexi'], Benjamin: ['Ben', 'Benji'],
  Samuel: ['Sam', 'Sammy'], Samantha: ['Sam', 'Sammy'], Christopher: ['Chris', 'Kit'], Matthew: ['Matt'],
  Nicholas: ['Nick', 'Nicky'], Edward: ['Ed', 'Eddie', 'Ted'], Frederick: ['Fred', 'Freddie'], Alfred: ['Alf', 'Alfie'],
  Henry: ['Harry', 'Hal'], Charles: ['Charlie', 'Chas'], Anthony: ['Tony', 'Ant'], Andrew: ['Andy', 'Drew'],
  Stephen: ['Steve', 'Stevie'], Steven: ['Steve'], Peter: ['Pete'], Philip: ['Phil', 'Pip'], Timothy: ['Tim'],
  Kenneth: ['Ken', 'Kenny'], Ronald: ['Ron', 'Ronnie'], Donald: ['Don'], Geoffrey: ['Geoff'], Lawrence: ['Larry'],
  Theodore: ['Theo', 'Teddy'], Zachary: ['Zach', 'Zac'], Joshua: ['Josh'], Oliver: ['Ollie', 'Olly'],
  Archibald: ['Archie'], Reginald: ['Reggie', 'Reg'], Jonathan: ['Jon', 'Jonny'], Nathaniel: ['Nate', 'Nat'],
  Sebastian: ['Seb'], Callum: ['Cal'], Harrison: ['Harry', 'Harri'], Lewis: ['Lew'], Louis: ['Lou', 'Louie'],
  Margaret: ['Peggy', 'Maggie', 'Meg', 'Margo'], Elizabeth: ['Liz', 'Beth', 'Lizzie', 'Betty', 'Libby'],
  Katherine: ['Kate', 'Katie', 'Kathy', 'Kat'], Catherine: ['Cathy', 'Kate', 'Cath'], Kathryn: ['Kate', 'Kath'],
  Rebecca: ['Becky', 'Becca', 'Bex'], Jennifer: ['Jen', 'Jenny'], Jessica: ['Jess', 'Jessie'],
  Victoria: ['Vicky', 'Tori', 'Vikki'], Charlotte: ['Lottie', 'Charlie'], Josephine: ['Josie', 'Jo'],
  Penelope: ['Penny', 'Pen'], Isabella: ['Bella', 'Izzy'], Isabelle: ['Izzy', 'Belle'], Abigail: ['Abi', 'Abby'],
  Eleanor: ['Ellie', 'Nell'], Amelia: ['Millie', 'Amy'], Emily: ['Em', 'Emmy'], Florence: ['Flo', 'Flossie'],
  Matilda: ['Tilly', 'Tilda'], Beatrice: ['Bea', 'Trixie'], Harriet: ['Hattie'], Deborah: ['Debbie', 'Debs'],
  Patricia: ['Pat', 'Trish'], Susan: ['Sue', 'Susie'], Jacqueline: ['Jackie', 'Jacqui'], Christine: ['Chris', 'Chrissie'],
  Sarah: ['Sally', 'Sadie'], Samira: ['Sami'], Nicola: ['Nicky', 'Nikki'], Stephanie: ['Steph'],
  Francesca: ['Frankie', 'Fran', 'Chessie'], Gillian: ['Gill', 'Jill'], Dorothy: ['Dot', 'Dotty'],
  Teresa: ['Tess', 'Terri'], Theresa: ['Tess', 'Terri'], Frances: ['Fran', 'Frankie'], Valerie: ['Val'],
  Anne: ['Annie'], Mary: ['Molly', 'Polly'], Olivia: ['Liv', 'Livvy'], Sophia: ['Sophie'],
  Gabriel: ['Gabe'], Muhammad: ['Mo'], Mohammed: ['Mo'], Ibrahim: ['Ibby'], Jakub: ['Kuba'], Zofia: ['Zosia'],
};
