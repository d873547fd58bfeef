import { chapterSuite } from './chapter-suite';

await chapterSuite(1);
